#!/usr/bin/env python3
"""Writes tests/fixtures/bad/: files an importer must refuse (or accept) with a specific message.

Run once to regenerate; the files are committed. What each must produce is in expectations.json,
which the native test (crates/exchange/tests/it/bad_files.rs) and the end-to-end test
(tests/e2e/bad-files.spec.ts) both read. Files too large to commit (over-size, enormous strings,
huge arrays) are made by the tests themselves. The variants start from the current version's
assessment fixture (format 3).
"""
import copy
import json
import os

here = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures")
out = os.path.join(here, "bad")
good = json.load(open(os.path.join(here, "exchange", "v3_assessment.json"), encoding="utf-8"))
good_text = json.dumps(good, ensure_ascii=False, indent=2)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def variant(name, change):
    d = copy.deepcopy(good)
    change(d)
    write(name, json.dumps(d, ensure_ascii=False, indent=2))


write("empty.json", b"")
write("whitespace.json", "  \n\t \n")
write("not_json.txt", "这不是 JSON 文件，而是一段文字。\n")
write("truncated.json", good_text[: len(good_text) * 3 // 5])
# Cut in the middle of a Chinese character: an incomplete UTF-8 sequence at the very end.
cut = good_text.encode("utf-8")
cut = cut[: cut.index("党组会议纪要已归档".encode("utf-8")) + 1]
write("truncated_mid_character.json", cut)
write("bom.json", b"\xef\xbb\xbf" + good_text.encode("utf-8"))
write("utf16.json", b"\xff\xfe" + good_text.encode("utf-16-le"))
write("gbk.json", good_text.encode("gbk"))
write("deep_nesting.json", '{"format": "zrz-exchange", "x": ' + "[" * 200 + "]" * 200 + "}")
write("array_root.json", "[1, 2, 3]\n")
write("other_app.json", json.dumps({"name": "my-app", "version": "1.0.0", "dependencies": {}}, indent=2))
write("tldraw.json", json.dumps({"tldrawFileFormatVersion": 1, "schema": {}, "records": []}))
variant("newer_version.json", lambda d: d.update(format_version=99))
variant("impossible_date.json", lambda d: d["content"]["answers"]["3.1"].update(done="2025-02-30"))
variant("date_after_2100.json", lambda d: d["content"]["ledger"][0].update(date="2101-01-01"))
variant("duplicate_ledger_entry.json", lambda d: d["content"]["ledger"].append(dict(d["content"]["ledger"][0])))
variant("unknown_task_status.json", lambda d: d["content"]["tasks"][0].update(status="half"))
variant("year_out_of_range.json", lambda d: d["content"]["profile"].update(year=99999))
variant("huge_number.json", lambda d: d["content"]["ratings"][0]["value"].update(score=1e300))
variant("score_out_of_range.json", lambda d: d["content"]["ratings"][0]["value"].update(score=150))
variant("unknown_response.json", lambda d: d["content"]["answers"]["3.1"].update(response="done"))
variant("wrong_type.json", lambda d: d["content"].update(answers=5))
variant("duplicate_person.json", lambda d: d["content"]["people"].append(dict(d["content"]["people"][0])))
variant("unknown_fields.json", lambda d: (d.update(x_note="from a newer tool"), d["content"]["answers"]["3.1"].update(x_color="red"), d["content"]["ledger"][0].update(x_photos=["a.jpg"])))
variant("other_plan.json", lambda d: d["template"].update(id="another-plan"))
variant("checksum_mismatch.json", lambda d: d["content"]["answers"]["3.1"].update(note="有人手工改过这里"))


def xss(d):
    payload = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
    c = d["content"]
    c["profile"].update(unit="县文化广播影视局" + payload, department="办公室" + payload, filled_by="张三" + payload)
    for a in c["answers"].values():
        a.update(note=payload, reason=payload, owner=payload)
        for e in a["evidence"]:
            e.update(what=payload, location=payload, doc_no=payload)
    for p in c["people"]:
        p.update(name=p["name"] + payload, post=payload)
    for r in c["ratings"]:
        r.update(rater=r["rater"] + payload)
    for e in c["ledger"]:
        e.update(title=payload, place=payload, participants=payload, summary=payload, doc_no=payload, kept_at=payload)
    for t in c["tasks"]:
        t.update(measure=payload, owner=payload, evidence_document=payload)
    for f in c["findings"]:
        f.update(note=payload)
    d.update(unit=c["profile"]["unit"], department=c["profile"]["department"])


variant("markup_payloads.json", xss)
