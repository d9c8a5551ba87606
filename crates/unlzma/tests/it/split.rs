//! Split files (`zrz_unlzma::split`): every instruction shape comes back byte for byte, each kind
//! of immediate lands in its own stream, a module the walk does not know is refused with why, a
//! damaged split file is an error (never a panic, never past its buffers), and the [`Loader`]
//! joins the wasm as the LZMA stream is unpacked, a piece at a time.

use proptest::prelude::*;
use zrz_unlzma::split::{
    join, split, Bad, SplitError, Stream, HEADER, I32_BEFORE, I32_STREAMS, MAGIC, SLACK, STREAMS,
};
use zrz_unlzma::{unpacked_size, Error, Loader, Model};

use crate::against_liblzma::pack;

/// `n` as a LEB128 of at least `len` bytes (padded as some writers do).
fn leb(mut n: u64, len: usize) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 && out.len() + 1 >= len {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

fn section(id: u8, body: &[u8]) -> Vec<u8> {
    [vec![id], leb(body.len() as u64, 1), body.to_vec()].concat()
}

/// A module of these function bodies, with sections before the code and `tail` after it.
fn module(bodies: &[Vec<u8>], tail: &[u8]) -> Vec<u8> {
    let mut code = leb(bodies.len() as u64, 1);
    for body in bodies {
        code.extend(leb(body.len() as u64, 1));
        code.extend(body);
    }
    [
        b"\0asm\x01\0\0\0".to_vec(),
        // A type section and a function section: bytes the head carries as they are.
        section(1, &[1, 0x60, 0, 0]),
        section(3, &[bodies.len() as u8; 3]),
        section(10, &code),
        tail.to_vec(),
    ]
    .concat()
}

fn data_and_names() -> Vec<u8> {
    [
        section(11, &[1, 0, 0x41, 8, 0x0b, 3, b'a', b'b', b'c']),
        section(0, b"\x04namesome names"),
    ]
    .concat()
}

/// A body with every shape of instruction the walk knows, a padded LEB128 or two among them.
fn every_shape() -> Vec<u8> {
    let mut b = vec![
        2, 1, 0x7f, 3, 0x6f, // locals: one i32, three externref
        0x02, 0x40, // block
        0x03, 0x7f, // loop (i32)
        0x04, 0x05, // if (type 5)
        0x00, 0x01, 0x05, // unreachable nop else
        0x0c, 0x00, 0x0d, 0x01, // br 0, br_if 1
        0x0e, 0x02, 0x00, 0x01, 0x02, // br_table 0 1, default 2
        0x0b, 0x0b, 0x0b, // end end end
        0x11, 0x03, 0x00, // call_indirect type 3 table 0
        0x1a, 0x1b, // drop select
        0x1c, 0x01, 0x7f, // select (i32)
        0x20, 0x00, 0x21, 0x01, // local.get 0, local.set 1
        0x23, 0x00, 0x24, 0x01, // global.get 0, global.set 1
        0x25, 0x00, 0x26, 0x00, // table.get, table.set
        0x36, 0x02, 0x04, // i32.store align 2 offset 4
        0x3f, 0x00, 0x40, 0x00, // memory.size, memory.grow
        0x41, 0x7f, // i32.const -1
        0x43, 1, 2, 3, 4, // f32.const
        0x44, 1, 2, 3, 4, 5, 6, 7, 8, // f64.const
        0x45, 0x6a, 0xc4, // numeric
        0xd0, 0x70, 0xd1, // ref.null func, ref.is_null
    ];
    b.push(0x10); // call 300
    b.extend(leb(300, 1));
    b.push(0x22); // local.tee 200, padded to 5 bytes
    b.extend(leb(200, 5));
    b.push(0x28); // i32.load align 2 offset 1000
    b.push(0x02);
    b.extend(leb(1000, 1));
    b.push(0x41); // i32.const 0, padded
    b.extend([0x80, 0x80, 0x00]);
    b.push(0x42); // i64.const, ten bytes
    b.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f]);
    b.push(0xd2); // ref.func 7
    b.push(7);
    for sub in 0..=7u8 {
        b.extend([0xfc, sub]);
    }
    b.extend([0xfc, 8, 1, 0]); // memory.init 1
    b.extend([0xfc, 9, 1]); // data.drop 1
    b.extend([0xfc, 10, 0, 0]); // memory.copy
    b.extend([0xfc, 11, 0]); // memory.fill
    b.extend([0xfc, 12, 2, 0]); // table.init 2 0
    b.extend([0xfc, 13, 1]); // elem.drop 1
    b.extend([0xfc, 14, 0, 1]); // table.copy 0 1
    b.extend([0xfc, 15, 0, 0xfc, 16, 0, 0xfc, 17, 0]); // table.grow, table.size, table.fill
    b.extend([0x0f, 0x0b]); // return end
    b
}

/// The header's numbers of a split file.
fn header(file: &[u8]) -> Vec<u32> {
    file[4..HEADER]
        .chunks(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// Stream `s` (its index) of a split file.
fn stream(file: &[u8], s: usize) -> &[u8] {
    let h = header(file);
    let mut at = HEADER + h[1] as usize;
    for len in &h[3..3 + s] {
        at += *len as usize;
    }
    &file[at..at + h[3 + s] as usize]
}

/// The `i32` stream of constants before anything not in [`I32_BEFORE`].
const I32_OTHER: usize = Stream::I32 as usize + I32_STREAMS - 1;

#[test]
fn every_instruction_comes_back_byte_for_byte() {
    let bodies = [every_shape(), vec![0, 0x0b], vec![0, 0x41, 5, 0x1a, 0x0b]];
    let wasm = module(&bodies, &data_and_names());
    let file = split(&wasm).unwrap();
    assert_eq!(file[..4], MAGIC);
    // The functions' sizes are not kept.
    assert!(every_shape().len() >= 128, "a size of two bytes");
    assert_eq!(file.len(), HEADER + wasm.len() - 2 - 1 - 1);
    assert_eq!(join(&file), Ok(wasm));
}

#[test]
fn a_module_without_functions_or_tail_comes_back() {
    for wasm in [module(&[], &[]), module(&[vec![0, 0x0b]], &[])] {
        let file = split(&wasm).unwrap();
        assert_eq!(join(&file), Ok(wasm));
    }
}

#[test]
fn each_kind_of_immediate_has_its_stream() {
    let body = vec![
        1, 2, 0x7e, // two i64 locals
        0x20, 5, 0x23, 6, 0x10, 7, 0x11, 8, 0, 0x0c, 0, 0x41, 9, 0x42, 10, 0x43, 1, 2, 3, 4, 0x28,
        2, 11, 0x25, 12, 0x02, 0x40, 0x41, 13, 0x6a, 0x0b, 0x0b,
    ];
    let wasm = module(&[body], &[1, 2, 3]);
    let file = split(&wasm).unwrap();
    // The code section's id, size and count (one byte each here).
    let head_len = CODE + 3;
    assert_eq!(header(&file)[..3], [wasm.len() as u32, head_len as u32, 1]);
    assert_eq!(header(&file).len(), 3 + STREAMS);
    assert_eq!(&file[HEADER..HEADER + head_len], &wasm[..head_len]);
    assert_eq!(&file[file.len() - 3..], [1, 2, 3]);
    let ops: &[u8] = &[
        0x20, 0x23, 0x10, 0x11, 0x0c, 0x41, 0x42, 0x43, 0x28, 2, 0x25, 0x02, 0x40, 0x41, 0x6a,
        0x0b, 0x0b,
    ];
    let expected: [(usize, &[u8]); 13] = [
        (Stream::Op as usize, ops),
        (Stream::Locals as usize, &[1, 2, 0x7e]),
        (Stream::Local as usize, &[5]),
        (Stream::Global as usize, &[6]),
        (Stream::Call as usize, &[7]),
        (Stream::Indirect as usize, &[8, 0]),
        (Stream::Branch as usize, &[0]),
        (Stream::I64 as usize, &[10]),
        (Stream::Float as usize, &[1, 2, 3, 4]),
        (Stream::Offset as usize, &[11]),
        (Stream::Other as usize, &[12]),
        // Before i32.add, the first of I32_BEFORE; before i64.const, none of them.
        (Stream::I32 as usize, &[13]),
        (I32_OTHER, &[9]),
    ];
    let mut total = 0;
    for (s, bytes) in expected {
        assert_eq!(stream(&file, s), bytes, "stream {s}");
        total += bytes.len();
    }
    assert_eq!(
        file.len(),
        HEADER + head_len + total + 3,
        "no other stream holds anything"
    );
    assert_eq!(join(&file), Ok(wasm));
}

#[test]
fn an_i32_constant_goes_to_the_stream_of_what_follows_it() {
    let mut body = vec![0];
    for (i, &next) in I32_BEFORE.iter().enumerate() {
        // The constant, then the next instruction's opcode; what follows it does not matter here
        // (the walk reads it as that instruction), so each comes with immediates of its shape.
        body.extend([0x41, 0x80 | i as u8, 0x01]);
        body.push(next);
        body.extend(match next {
            0x36 | 0x29 | 0x3a | 0x28 => vec![2, 0],
            0x41 | 0x10 | 0x21 | 0x20 => vec![0],
            0xfc => vec![11, 0],
            _ => vec![],
        });
    }
    body.push(0x0b);
    let wasm = module(&[body], &[]);
    let file = split(&wasm).unwrap();
    for (i, next) in I32_BEFORE.iter().enumerate() {
        let s = stream(&file, Stream::I32 as usize + i);
        // i32.const 0x41 is itself followed by a constant before the next instruction.
        let own = [0x80 | i as u8, 0x01];
        assert!(s.starts_with(&own), "before {next:#x}: {s:?}");
    }
    assert_eq!(join(&file), Ok(wasm));
}

/// Where the code section starts in a module written by [`module`]: after the header (8 bytes),
/// the type section (6) and the function section (5).
const CODE: usize = 8 + 6 + 5;

#[test]
fn a_module_the_walk_does_not_know_is_refused_with_why() {
    let at_body = |body: &[u8]| {
        let wasm = module(&[body.to_vec()], &[]);
        let start = wasm.len() - body.len();
        (wasm, start)
    };
    let body_cases: [(&[u8], usize, Bad); 8] = [
        (&[0, 0xfd, 0, 0x0b], 2, Bad::Opcode(0xfd)),
        (&[0, 0x06, 0x40, 0x0b], 2, Bad::Opcode(0x06)),
        (&[0, 0xfc, 18, 0x0b], 3, Bad::Prefixed(18)),
        (&[1, 1, 0x7b, 0x0b], 3, Bad::Type(0x7b)),
        (&[0, 0x1c, 1, 0x7b, 0x0b], 4, Bad::Type(0x7b)),
        (&[0, 0x28, 64, 0, 0x0b], 3, Bad::Align(64)),
        (
            &[
                0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0, 0x0b,
            ],
            12,
            Bad::Leb,
        ),
        (&[0, 0x02, 0x40, 0x0b], 4, Bad::Short),
    ];
    for (body, offset, bad) in body_cases {
        let (wasm, start) = at_body(body);
        assert_eq!(
            split(&wasm),
            Err(SplitError::Body {
                function: 0,
                at: start + offset,
                bad
            }),
            "{body:?}"
        );
    }
    // A byte after the body's last `end`, within its size.
    assert_eq!(
        split(&module(&[vec![0, 0x0b, 0x01]], &[])),
        Err(SplitError::Size { function: 0 })
    );
    // A size padded to two bytes would not come back.
    let mut padded = module(&[vec![0, 0x0b]], &[]);
    let code = CODE;
    padded.splice(code + 3..code + 4, [0x82, 0x00]);
    padded[code + 1] += 1;
    assert_eq!(split(&padded), Err(SplitError::LongSize { function: 0 }));
    assert_eq!(split(b"\0asm\x02\0\0\0"), Err(SplitError::NotWasm));
    assert_eq!(split(b"\0asm\x01\0\0\0"), Err(SplitError::NoCode));
    assert_eq!(split(b"\0as"), Err(SplitError::NotWasm));
    assert_eq!(split(&module(&[], &[])[..20]), Err(SplitError::NotWasm));
    let no_code = [b"\0asm\x01\0\0\0".to_vec(), section(1, &[0])].concat();
    assert_eq!(split(&no_code), Err(SplitError::NoCode));
    // A function past the section's end.
    let mut short = module(&[vec![0, 0x0b]], &[]);
    short[code + 1] -= 1;
    short.pop();
    assert_eq!(split(&short), Err(SplitError::NotWasm));
}

#[test]
fn a_damaged_header_is_refused() {
    let wasm = module(&[every_shape()], &data_and_names());
    let file = split(&wasm).unwrap();
    let with = |field: usize, value: u32| {
        let mut f = file.clone();
        f[4 + 4 * field..8 + 4 * field].copy_from_slice(&value.to_le_bytes());
        f
    };
    let h = header(&file);
    for (what, damaged) in [
        ("the magic", {
            let mut f = file.clone();
            f[1] = b'a';
            f
        }),
        ("a larger wasm", with(0, h[0] + 1)),
        ("a smaller wasm", with(0, h[0] - 1)),
        ("a wasm far larger than the file", with(0, u32::MAX)),
        ("a wasm smaller than its head", with(0, 10)),
        ("a wasm smaller than its head and code", with(0, h[1] + 20)),
        ("a longer head", with(1, h[1] + 1)),
        ("a head past the end", with(1, u32::MAX)),
        ("another function", with(2, h[2] + 1)),
        ("more functions than opcodes", with(2, h[3] + 1)),
        ("a longer opcode stream", with(3, h[3] + 1)),
        ("a shorter opcode stream", with(3, h[3] - 1)),
        ("a stream past the end", with(3 + STREAMS - 1, u32::MAX)),
        ("shorter than a header", file[..HEADER - 1].to_vec()),
        ("truncated", file[..file.len() - 1].to_vec()),
    ] {
        assert_eq!(join(&damaged), Err(Error::Split), "{what}");
    }
}

/// Unpacks a packed file with the loader, `work` bytes a step; the wasm and each step's progress.
fn load(packed: &[u8], work: usize) -> Result<(Vec<u8>, Vec<usize>), Error> {
    let mut model = Model::ZEROED;
    let mut unpacked = vec![0; unpacked_size(packed)?];
    let mut loader = Loader::new(packed, &mut unpacked, &mut model)?;
    let size = loader.size();
    let mut out = vec![0; if loader.is_split() { size + SLACK } else { 0 }];
    let mut ready = Vec::new();
    loop {
        let now = loader.step(packed, &mut unpacked, &mut out, &mut model, work)?;
        assert!(
            now <= size && ready.last().is_none_or(|&r| r <= now),
            "never back, never past"
        );
        ready.push(now);
        if now == size {
            break;
        }
        // Each step moves on by `work` bytes of the stream or of the wasm, until both are done.
        let steps = (unpacked.len() + size) / work.max(1) + 3;
        assert!(
            ready.len() <= steps,
            "{} steps of {work} bytes and no end",
            ready.len()
        );
    }
    let wasm = if loader.is_split() {
        out[..size].to_vec()
    } else {
        unpacked
    };
    Ok((wasm, ready))
}

#[test]
fn the_loader_joins_the_wasm_as_the_stream_is_unpacked() {
    let wasm = module(&vec![every_shape(); 40], &data_and_names());
    let packed = pack(&split(&wasm).unwrap(), 1, 0, 0, true);
    for work in [1, 100, 4096, usize::MAX] {
        let (got, ready) = load(&packed, work).unwrap();
        assert_eq!(got, wasm, "{work} bytes a step");
        if work == 100 {
            // The head is handed on before the functions are rebuilt, they a few at a time.
            let head = header(&split(&wasm).unwrap())[1] as usize;
            assert!(ready.contains(&head), "{ready:?}");
            assert!(
                ready
                    .iter()
                    .filter(|&&r| r > head && r < wasm.len() - 40)
                    .count()
                    > 5
            );
        }
    }
}

#[test]
fn a_long_tail_is_handed_on_as_it_is_unpacked() {
    // Incompressible data after the code: the stream is still being unpacked once the code is
    // rebuilt, so the tail comes in pieces.
    let mut x = 7u32;
    let noise: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let wasm = module(&[every_shape()], &section(11, &noise));
    let packed = pack(&split(&wasm).unwrap(), 1, 0, 0, true);
    let (got, ready) = load(&packed, 100).unwrap();
    assert_eq!(got, wasm);
    let code_end = wasm.len() - noise.len();
    assert!(
        ready
            .iter()
            .filter(|&&r| r > code_end && r < wasm.len())
            .count()
            > 10,
        "{ready:?}"
    );
}

#[test]
fn the_loader_takes_a_plain_stream_as_it_is() {
    let data: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
    for data in [data, b"\0asm".to_vec(), Vec::new()] {
        let (got, _) = load(&pack(&data, 3, 0, 0, true), 300).unwrap();
        assert_eq!(got, data);
    }
}

#[test]
fn the_loader_refuses_a_split_file_that_does_not_join() {
    let wasm = module(&[every_shape()], &data_and_names());
    let mut file = split(&wasm).unwrap();
    file[4..8].copy_from_slice(&(wasm.len() as u32 + 1).to_le_bytes());
    let packed = pack(&file, 1, 0, 0, true);
    assert_eq!(load(&packed, 64).map(|_| ()), Err(Error::Split));
    // An error is final.
    let mut model = Model::ZEROED;
    let mut unpacked = vec![0; unpacked_size(&packed).unwrap()];
    let mut loader = Loader::new(&packed, &mut unpacked, &mut model).unwrap();
    let mut out = vec![0; loader.size() + SLACK];
    assert_eq!(
        loader.step(&packed, &mut unpacked, &mut out, &mut model, usize::MAX),
        Err(Error::Split)
    );
    assert_eq!(
        loader.step(&packed, &mut unpacked, &mut out, &mut model, usize::MAX),
        Err(Error::Split)
    );
}

/// A random function body of instructions the walk knows: blocks nested and closed, immediates of
/// every length their kind allows, some padded.
fn random_body(seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut b = Vec::new();
    let decls = next(3);
    b.extend(leb(decls, 1));
    for _ in 0..decls {
        b.extend(leb(next(1000), 1 + next(2) as usize));
        b.push([0x7f, 0x7e, 0x7d, 0x7c, 0x70, 0x6f][next(6) as usize]);
    }
    let mut depth = 0;
    for _ in 0..next(60) {
        let imm = |b: &mut Vec<u8>, next: &mut dyn FnMut(u64) -> u64| {
            let bits = 7 * (1 + next(4));
            let value = next(1 << bits);
            b.extend(leb(value, 1 + next(3) as usize));
        };
        match next(16) {
            0 => {
                b.extend([
                    [0x02, 0x03, 0x04][next(3) as usize],
                    [0x40, 0x7f, 0x05][next(3) as usize],
                ]);
                depth += 1;
            }
            1 if depth > 0 => {
                b.push(0x0b);
                depth -= 1;
            }
            2 => b.push(0x45 + next(0xc4 - 0x45 + 1) as u8),
            3 => {
                b.push(0x0e);
                let n = next(4);
                b.extend(leb(n, 1));
                for _ in 0..=n {
                    imm(&mut b, &mut next);
                }
            }
            4 => {
                b.push([0x28, 0x36, 0x3e][next(3) as usize]);
                b.extend(leb(next(4), 1));
                imm(&mut b, &mut next);
            }
            5 => b.extend([0x43, 1, 2, 3, 4]),
            6 => b.extend([0x44, 1, 2, 3, 4, 5, 6, 7, 8]),
            7 => {
                b.extend([0xfc, next(8) as u8]);
            }
            8 => {
                b.extend([0xfc, 12]);
                imm(&mut b, &mut next);
                imm(&mut b, &mut next);
            }
            9 => b.extend([0x1c, 1, 0x7e]),
            10 => {
                b.push(0x11);
                imm(&mut b, &mut next);
                imm(&mut b, &mut next);
            }
            _ => {
                b.push(
                    [
                        0x0c, 0x0d, 0x10, 0x20, 0x21, 0x22, 0x23, 0x24, 0x41, 0x42, 0xd2,
                    ][next(11) as usize],
                );
                imm(&mut b, &mut next);
            }
        }
    }
    b.extend(std::iter::repeat_n(0x0b, depth + 1));
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_modules_come_back(seeds in prop::collection::vec(any::<u64>(), 0..30), tail in prop::collection::vec(any::<u8>(), 0..50)) {
        let wasm = module(&seeds.iter().map(|&s| random_body(s)).collect::<Vec<_>>(), &tail);
        let file = split(&wasm).unwrap();
        prop_assert_eq!(join(&file), Ok(wasm));
    }

    #[test]
    fn a_changed_byte_never_panics_or_overruns(seed in any::<u64>(), at in any::<prop::sample::Index>(), to in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let wasm = module(&[random_body(seed), every_shape()], &data_and_names());
        let mut file = split(&wasm).unwrap();
        let i = at.index(file.len());
        file[i] = to;
        // Joined to something (an immediate changed) or refused: never a panic.
        let _ = join(&file);
        let _ = join(&file[..cut.index(file.len())]);
    }
}

#[test]
fn the_hand_made_body_fills_every_fixed_stream() {
    let file = split(&module(&[every_shape()], &[])).unwrap();
    for s in 0..Stream::I32 as usize {
        assert!(!stream(&file, s).is_empty(), "stream {s}");
    }
    assert!(!stream(&file, I32_OTHER).is_empty());
}

#[test]
fn the_joiner_refuses_buffers_other_than_its_own() {
    use zrz_unlzma::split::Joiner;
    let file = split(&module(&[every_shape()], &data_and_names())).unwrap();
    let fresh = || Joiner::new(&file, file.len()).unwrap();
    let size = fresh().size();
    let mut out = vec![0; size + SLACK];
    let longer = [file.clone(), vec![0]].concat();
    assert_eq!(
        fresh().step(&longer, file.len(), &mut out, 10),
        Err(Error::Split),
        "another file"
    );
    assert_eq!(
        fresh().step(&file, file.len() + 1, &mut out, 10),
        Err(Error::Split),
        "more ready than there is"
    );
    assert_eq!(
        fresh().step(&file, file.len(), &mut out[..size], 10),
        Err(Error::Split),
        "no slack"
    );
    assert_eq!(
        fresh().step(&file, file.len(), &mut vec![0; size + SLACK + 1], 10),
        Err(Error::Split),
        "too long"
    );
    assert_eq!(
        fresh().step(&file, file.len(), &mut out, usize::MAX),
        Ok(size)
    );
}

#[test]
fn a_refusal_says_which_function_and_why() {
    // What the build prints when it cannot split a module.
    let cases = [
        (SplitError::NotWasm, "not a wasm module"),
        (SplitError::NoCode, "the module has no code section"),
        (
            SplitError::LongSize { function: 3 },
            "function 3: its size is not in its shortest LEB128",
        ),
        (
            SplitError::Body {
                function: 4,
                at: 99,
                bad: Bad::Opcode(0xfd),
            },
            "function 4, byte 99 of the module: Opcode(253)",
        ),
        (
            SplitError::Size { function: 5 },
            "function 5: its last `end` comes before its size",
        ),
        (SplitError::TooLarge, "over 4 GB"),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
    }
}
