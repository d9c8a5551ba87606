#![cfg(not(target_arch = "wasm32"))]
//! The corpus of bad files (tests/fixtures/bad/, made by scripts/make-bad-corpus.py): each is
//! refused with its own error code, or accepted with the flag it deserves. `expectations.json` is
//! shared with the app's native test of the Chinese wording (`src/i18n/errors/tests.rs`) and the
//! end-to-end test that feeds the same files to the UI.

use serde::Deserialize;
use zrz_domain::plan::Template;
use zrz_exchange::{import, ImportError, MAX_ENTRIES, MAX_FILE_BYTES, MAX_STRING_CHARS};

#[derive(Deserialize)]
struct Expectation {
    file: String,
    /// "refused" or "accepted"
    outcome: String,
    /// The refusal's [`ImportError::code`].
    #[serde(default)]
    code: Option<String>,
}

fn expectations() -> Vec<Expectation> {
    let text = std::fs::read_to_string(crate::fixture("bad/expectations.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_file_of_the_corpus_gets_its_specific_outcome() {
    let template = Template::shipped();
    let listed = expectations();
    let on_disk = std::fs::read_dir(crate::fixture("bad"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n != "expectations.json")
        .count();
    assert_eq!(
        listed.len(),
        on_disk,
        "every file of the corpus has an expectation"
    );
    for case in listed {
        let bytes = std::fs::read(crate::fixture(&format!("bad/{}", case.file))).unwrap();
        let result = import(&bytes, &template, None);
        assert_eq!(
            result.is_ok(),
            case.outcome == "accepted",
            "{}: {result:?}",
            case.file
        );
        assert_eq!(
            result.as_ref().err().map(ImportError::code),
            case.code.as_deref(),
            "{}: {result:?}",
            case.file
        );
    }
}

fn good() -> serde_json::Value {
    serde_json::from_str(
        &std::fs::read_to_string(crate::fixture("exchange/v3_assessment.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn files_too_big_to_keep_in_the_corpus() {
    let template = Template::shipped();
    let mut oversize = vec![b' '; MAX_FILE_BYTES + 1];
    oversize[0] = b'{';
    assert!(matches!(
        import(&oversize, &template, None),
        Err(ImportError::TooLarge { .. })
    ));

    let mut long = good();
    long["content"]["answers"]["3.1"]["note"] = "长".repeat(MAX_STRING_CHARS + 1).into();
    let result = import(long.to_string().as_bytes(), &template, None);
    assert!(
        matches!(result, Err(ImportError::TooLong { .. })),
        "{result:?}"
    );
    assert!(
        result.unwrap_err().to_string().contains("3.1"),
        "the message names the item"
    );

    let mut many = good();
    let evidence = many["content"]["answers"]["3.1"]["evidence"][0].clone();
    many["content"]["answers"]["3.1"]["evidence"] = vec![evidence; MAX_ENTRIES + 1].into();
    let result = import(many.to_string().as_bytes(), &template, None);
    assert!(
        matches!(result, Err(ImportError::TooMany { .. })),
        "{result:?}"
    );
}
