//! The decoder against liblzma's encoder (Python's `lzma` module, the library of `xz`): every
//! setting and kind of input unpacks to its bytes, and a damaged file is an error, never other
//! bytes.

use std::io::Write;
use std::process::{Command, Stdio};

use proptest::prelude::*;
use zrz_unlzma::{unpack, unpacked_size, Error, Model, Unpacker};

/// `data` packed as `scripts/post_build.py` packs the wasm (the size in the header, the end marker
/// kept), with the given literal and position settings; `sized: false` leaves the size unstated.
pub fn pack(data: &[u8], lc: u32, lp: u32, pb: u32, sized: bool) -> Vec<u8> {
    let script = format!(
        "import lzma, struct, sys\n\
         data = sys.stdin.buffer.read()\n\
         f = [{{'id': lzma.FILTER_LZMA1, 'preset': 9 | lzma.PRESET_EXTREME, 'lc': {lc}, 'lp': {lp}, 'pb': {pb}}}]\n\
         out = bytearray(lzma.compress(data, format=lzma.FORMAT_ALONE, filters=f))\n\
         if {sized}: out[5:13] = struct.pack('<Q', len(data))\n\
         sys.stdout.buffer.write(out)\n",
        sized = if sized { "True" } else { "False" }
    );
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "python3's lzma packs");
    out.stdout
}

fn unpacked(src: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = vec![0; unpacked_size(src)?];
    let mut model = Model::ZEROED;
    unpack(src, &mut out, &mut model)?;
    Ok(out)
}

/// Deterministic pseudo-random bytes (xorshift) below `alphabet`: small alphabets make long matches.
fn bytes(n: usize, seed: u32, alphabet: u32) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x % alphabet) as u8
        })
        .collect()
}

fn plan() -> Vec<u8> {
    include_bytes!("../../../domain/src/plan/template.json").to_vec()
}

#[test]
fn unpacks_every_kind_of_input() {
    let far = [
        bytes(40_000, 3, 256),
        bytes(300_000, 5, 2),
        bytes(40_000, 3, 256),
    ]
    .concat();
    let cases: [(&str, Vec<u8>); 7] = [
        ("empty", vec![]),
        ("one byte", vec![42]),
        ("the plan's template (Chinese text)", plan()),
        ("random bytes", bytes(70_000, 7, 256)),
        (
            "a small alphabet (long and repeated matches)",
            bytes(200_000, 11, 3),
        ),
        (
            "one byte repeated (the longest lengths)",
            vec![b'a'; 100_000],
        ),
        ("far repeats (distances past the position models)", far),
    ];
    for (what, data) in cases {
        assert_eq!(
            unpacked(&pack(&data, 3, 0, 0, true)).as_deref(),
            Ok(&data[..]),
            "{what}"
        );
    }
}

#[test]
fn unpacks_every_literal_and_position_setting() {
    let data = [plan(), bytes(30_000, 9, 16), plan()].concat();
    for (lc, lp, pb) in [
        (0, 0, 0),
        (3, 0, 2),
        (4, 0, 0),
        (0, 4, 4),
        (1, 3, 1),
        (2, 2, 3),
        (3, 1, 2),
    ] {
        assert_eq!(
            unpacked(&pack(&data, lc, lp, pb, true)).as_deref(),
            Ok(&data[..]),
            "lc {lc} lp {lp} pb {pb}"
        );
    }
}

#[test]
fn a_file_that_does_not_state_its_size_is_refused() {
    assert_eq!(
        unpacked(&pack(b"hello", 3, 0, 0, false)),
        Err(Error::SizeNotStated)
    );
}

/// The header's bounds, exactly: 13 bytes of header and the range coder's 5 before anything is
/// read, and a stated size that fits in 32 bits (the wasm's memory) and is not "unknown" (all ones).
#[test]
fn the_header_is_read_to_its_limits() {
    let header = |size: u64, rest: usize| {
        let mut file = vec![0x5d, 0, 0, 0x80, 0];
        file.extend_from_slice(&size.to_le_bytes());
        file.resize(13 + rest, 0);
        file
    };
    assert_eq!(unpacked_size(&header(7, 4)), Err(Error::TooShort));
    assert_eq!(
        unpacked_size(&header(7, 5)),
        Ok(7),
        "the header and the range coder's first 5 bytes are enough to state the size"
    );
    assert_eq!(
        unpacked_size(&header(u32::MAX as u64, 5)),
        Ok(u32::MAX as usize)
    );
    for too_large in [
        u32::MAX as u64 + 1,
        u32::MAX as u64 + 2,
        1 << 40,
        u64::MAX - 1,
        u64::MAX,
    ] {
        assert_eq!(
            unpacked_size(&header(too_large, 5)),
            Err(Error::SizeNotStated),
            "{too_large}"
        );
    }
}

#[test]
fn a_damaged_file_is_an_error_with_its_reason() {
    let data = [plan(), bytes(20_000, 13, 8)].concat();
    let good = pack(&data, 3, 0, 0, true);
    let with = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut file = good.clone();
        f(&mut file);
        unpacked(&file)
    };
    let stated =
        |n: usize| move |file: &mut Vec<u8>| file[5..13].copy_from_slice(&(n as u64).to_le_bytes());
    assert_eq!(unpacked(&good[..10]), Err(Error::TooShort));
    assert_eq!(with(&|f| f[0] = 225), Err(Error::Properties));
    assert_eq!(
        with(&|f| f[0] = 4 + 9),
        Err(Error::Properties),
        "lc 4 + lp 1 is over 4"
    );
    assert_eq!(with(&|f| f[13] = 1), Err(Error::BadStart));
    assert_eq!(unpacked(&good[..good.len() - 7]), Err(Error::Truncated));
    assert_eq!(unpacked(&good[..good.len() - 1]), Err(Error::Truncated));
    assert_eq!(with(&|f| f.push(0)), Err(Error::TrailingData));
    assert_eq!(with(&stated(data.len() - 1)), Err(Error::TooLong));
    assert_eq!(with(&stated(data.len() + 1)), Err(Error::TooShortOutput));
    let mut out = vec![0; data.len() + 1];
    assert_eq!(
        unpack(&good, &mut out, &mut { Model::ZEROED }),
        Err(Error::SizeNotStated),
        "an output of another size"
    );
}

#[test]
fn a_changed_byte_anywhere_is_found() {
    // LZMA has no checksum: the stated size, the end marker and the coder's final state are the
    // check. Every 31st byte of the stream, flipped: an error, never other bytes.
    let data = [plan(), bytes(20_000, 13, 8)].concat();
    let good = pack(&data, 3, 0, 0, true);
    for i in (13..good.len()).step_by(31) {
        let mut file = good.clone();
        file[i] ^= 0x10;
        if let Ok(out) = unpacked(&file) {
            assert_eq!(
                out, data,
                "byte {i} changed, and other bytes came out without an error"
            );
        }
    }
}

#[test]
fn unpacks_the_same_a_piece_at_a_time() {
    let data = [plan(), bytes(50_000, 17, 5), plan()].concat();
    let src = pack(&data, 3, 0, 0, true);
    for piece in [1, 7, 4096, 65_536, data.len()] {
        let mut model = Model::ZEROED;
        let mut out = vec![0; data.len()];
        let mut unpacker = Unpacker::new(&src, data.len(), &mut model).unwrap();
        let mut at = 0;
        let mut steps = 0;
        while at < data.len() || steps == 0 {
            let until = (at + piece).min(data.len());
            let now = unpacker.step(&src, &mut out, &mut model, until).unwrap();
            assert!(
                now >= until,
                "a step stops at or past where it was asked to"
            );
            // Past it by less than LZMA's longest match (273 bytes): a step is a piece, not the rest.
            assert!(
                now < until + 273,
                "a step asked for {until} stopped at {now}"
            );
            at = now;
            steps += 1;
        }
        assert_eq!(out, data, "pieces of {piece}");
        assert_eq!(
            unpacker.step(&src, &mut out, &mut model, data.len()),
            Ok(data.len()),
            "done stays done"
        );
    }
}

#[test]
fn an_error_is_final() {
    let data = bytes(30_000, 19, 4);
    let mut src = pack(&data, 3, 0, 0, true);
    src.truncate(src.len() / 2);
    let mut model = Model::ZEROED;
    let mut out = vec![0; data.len()];
    let mut unpacker = Unpacker::new(&src, data.len(), &mut model).unwrap();
    assert_eq!(
        unpacker.step(&src, &mut out, &mut model, data.len()),
        Err(Error::Truncated)
    );
    assert_eq!(
        unpacker.step(&src, &mut out, &mut model, 10),
        Err(Error::Truncated)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn unpacks_what_liblzma_packed(data in prop::collection::vec(0u8..6, 0..20_000), noise in prop::collection::vec(any::<u8>(), 0..2_000)) {
        let data = [data, noise].concat();
        prop_assert_eq!(unpacked(&pack(&data, 3, 0, 0, true)), Ok(data));
    }
}
