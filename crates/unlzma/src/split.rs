//! The app's wasm with its code section in streams: what `scripts/post_build.py` packs, because
//! LZMA packs it about 9% smaller than the wasm itself. Each function's opcodes go to one stream,
//! and each kind of immediate to a stream of its own (local indices, call targets, memory offsets
//! …; `i32` constants to one of several, by the instruction that follows them): LZMA then finds the
//! repeats within each kind, which the mixed byte stream of a function hides. The function sizes
//! are not kept at all: [`Joiner`] counts each body as it rebuilds it.
//!
//! Measured on the first page's wasm (837,606 bytes; LZMA 9e, lp 0 pb 0): the wasm itself 245,613;
//! split, lc 3, 229,097; at lc 1, 227,898; each load's and store's alignment beside its opcode
//! rather than in a stream of its own, and the `i32` constants by what follows them, 222,367.
//!
//! A split file ([`MAGIC`] first; a wasm starts with `\0asm`):
//!
//! | bytes | what |
//! |---|---|
//! | 4 | [`MAGIC`] |
//! | 4 | the wasm's size (u32, little-endian, like every number of the header) |
//! | 4 | the head's length |
//! | 4 | the number of functions |
//! | 4 × [`STREAMS`] | each stream's length, in [`Stream`]'s order |
//! | head | the wasm up to its first function body: every section before the code section, then the code section's id, size and count |
//! | streams | one after the other, in [`Stream`]'s order |
//! | tail | the wasm after its code section (data, custom sections) |
//!
//! Every immediate is copied as its bytes, not re-encoded: the wasm comes back byte for byte, a
//! LEB128 padded by its writer included. A function's size alone is written anew, so [`split`]
//! refuses a module whose function sizes are not in their shortest form.
//!
//! [`walk_function`] is the one reading of a function body, for both directions: [`split`] walks
//! the wasm and writes the streams, [`Joiner`] walks the streams and writes the wasm. It knows the
//! opcodes of the features the build enables (MVP, sign extension, non-trapping conversions, bulk
//! memory, reference types, multi-value) and no others: SIMD, threads, exceptions or tail calls
//! make [`split`] refuse the module, and the build fails rather than ship what it cannot unpack.

use crate::Error;

/// The first bytes of a split file.
pub const MAGIC: [u8; 4] = *b"\0zrs";

/// The streams, in the order the file holds them; [`Stream::I32`] is the first of
/// [`I32_STREAMS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Opcodes, with the immediates that are part of an instruction's shape: block types, the
    /// 0xFC sub-opcodes, `select`'s types, memory indices, `ref.null`'s type, and the alignment
    /// of loads and stores (which their opcode all but decides: next to it, it costs almost
    /// nothing).
    Op,
    /// Each function's local declarations (counts and types).
    Locals,
    /// `local.get`, `local.set`, `local.tee`.
    Local,
    /// `global.get`, `global.set`.
    Global,
    /// `call` and `ref.func`.
    Call,
    /// `call_indirect`'s type and table.
    Indirect,
    /// Branch depths, `br_table`'s included.
    Branch,
    I64,
    /// `f32.const` and `f64.const`, as their bytes.
    Float,
    /// The offset of loads and stores.
    Offset,
    /// Table, data and element indices.
    Other,
    /// `i32.const`, in one stream per instruction that follows it ([`I32_BEFORE`]): an address
    /// before a load, a length before a call, a mask before an `and` are each alike.
    I32,
}

/// The instructions after an `i32.const` whose constants have a stream of their own (the most
/// frequent ones in the app's wasm, most frequent first); every other constant goes to the last.
pub const I32_BEFORE: [u8; 16] = [
    0x6a, 0x36, 0x41, 0x10, 0x6b, 0x21, 0x20, 0x46, 0x47, 0x71, 0x29, 0x6c, 0x3a, 0x74, 0xfc, 0x28,
];

pub const I32_STREAMS: usize = I32_BEFORE.len() + 1;

pub const STREAMS: usize = Stream::I32 as usize + I32_STREAMS;

/// The stream of an `i32.const` followed by the opcode `next`.
const I32_STREAM: [u8; 256] = {
    let mut t = [(Stream::I32 as usize + I32_BEFORE.len()) as u8; 256];
    let mut i = 0;
    while i < I32_BEFORE.len() {
        t[I32_BEFORE[i] as usize] = (Stream::I32 as usize + i) as u8;
        i += 1;
    }
    t
};

/// The fixed part of the header: magic, wasm size, head length, functions, stream lengths.
pub const HEADER: usize = 16 + 4 * STREAMS;

/// Room past the wasm's size that [`Joiner`] needs in its output: a body is rebuilt 5 bytes on
/// (the longest size it can have) and moved back once its size is known.
pub const SLACK: usize = 5;

/// Why a function body cannot be walked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bad {
    /// It ends in the middle of an instruction (or a stream runs out).
    Short,
    /// A LEB128 longer than ten bytes.
    Leb,
    /// An opcode outside the features the build enables.
    Opcode(u8),
    /// A 0xFC sub-opcode outside them.
    Prefixed(u32),
    /// A value type outside them.
    Type(u8),
    /// A memory access naming a memory index (multi-memory).
    Align(u32),
}

/// Where [`walk_function`] reads a body's bytes from and writes them to; a stream is its index in
/// the file ([`Stream`] as `usize`, then the rest of the `i32` streams).
pub trait Walk {
    /// Carries one byte of stream `stream` over and returns it.
    fn byte(&mut self, stream: usize) -> Result<u8, Bad>;

    /// The opcode of the instruction after the next LEB128 of the body (0 where there is none):
    /// what decides the stream of an `i32.const`.
    fn op_after_leb(&self) -> u8;

    /// Carries one LEB128 value of stream `stream` over; returns its low 32 bits.
    fn leb(&mut self, stream: usize) -> Result<u32, Bad> {
        let mut value = 0u32;
        for i in 0..10 {
            let b = self.byte(stream)?;
            if i < 5 {
                value |= ((b & 0x7f) as u32) << (7 * i);
            }
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Bad::Leb)
    }
}

fn value_type(t: u8) -> Result<(), Bad> {
    match t {
        // i32, i64, f32, f64, funcref, externref.
        0x7f | 0x7e | 0x7d | 0x7c | 0x70 | 0x6f => Ok(()),
        _ => Err(Bad::Type(t)),
    }
}

/// What follows an opcode, in [`OPS`]: below [`STREAMS`], one LEB128 of that stream; with
/// [`TWICE`] added, two; else one of the shapes below.
type Shape = u8;
const TWICE: Shape = 0x20;
const NOTHING: Shape = 0x40;
const BLOCK: Shape = 0x41;
const END: Shape = 0x42;
const BR_TABLE: Shape = 0x43;
const SELECT_TYPES: Shape = 0x44;
const MEMORY: Shape = 0x45;
const F32: Shape = 0x46;
const F64: Shape = 0x47;
const PREFIXED: Shape = 0x48;
const UNKNOWN: Shape = 0x49;
const I32_CONST: Shape = 0x4a;

const fn one(s: Stream) -> Shape {
    s as Shape
}

/// Each opcode's [`Shape`]: a table rather than a `match`, which keeps the decoder's module small.
const OPS: [Shape; 256] = {
    use Stream::*;
    let mut t = [UNKNOWN; 256];
    let mut op = 0x45;
    // The numeric instructions (comparisons, arithmetic, conversions, sign extension).
    while op <= 0xc4 {
        t[op] = NOTHING;
        op += 1;
    }
    // unreachable, nop, else, return, drop, select, ref.is_null.
    t[0x00] = NOTHING;
    t[0x01] = NOTHING;
    t[0x05] = NOTHING;
    t[0x0f] = NOTHING;
    t[0x1a] = NOTHING;
    t[0x1b] = NOTHING;
    t[0xd1] = NOTHING;
    // block, loop, if: a block type, one byte or a type index, each shaped as a LEB128.
    t[0x02] = BLOCK;
    t[0x03] = BLOCK;
    t[0x04] = BLOCK;
    t[0x0b] = END;
    t[0x0c] = one(Branch);
    t[0x0d] = one(Branch);
    t[0x0e] = BR_TABLE;
    t[0x10] = one(Call);
    t[0xd2] = one(Call);
    t[0x11] = one(Indirect) + TWICE;
    t[0x1c] = SELECT_TYPES;
    t[0x20] = one(Local);
    t[0x21] = one(Local);
    t[0x22] = one(Local);
    t[0x23] = one(Global);
    t[0x24] = one(Global);
    t[0x25] = one(Other);
    t[0x26] = one(Other);
    let mut op = 0x28;
    while op <= 0x3e {
        t[op] = MEMORY;
        op += 1;
    }
    // memory.size and memory.grow (a memory index), ref.null (a type).
    t[0x3f] = one(Op);
    t[0x40] = one(Op);
    t[0xd0] = one(Op);
    t[0x41] = I32_CONST;
    t[0x42] = one(I64);
    t[0x43] = F32;
    t[0x44] = F64;
    t[0xfc] = PREFIXED;
    t
};

/// The LEB128s after each 0xFC sub-opcode: up to two, each a stream or [`NOTHING`].
const PREFIXED_OPS: [[Shape; 2]; 18] = {
    use Stream::*;
    let none = [NOTHING, NOTHING];
    [
        // The saturating conversions.
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        // memory.init: a data index, a memory index.
        [one(Other), one(Op)],
        // data.drop.
        [one(Other), NOTHING],
        // memory.copy: two memory indices.
        [one(Op), one(Op)],
        // memory.fill.
        [one(Op), NOTHING],
        // table.init.
        [one(Other), one(Other)],
        // elem.drop.
        [one(Other), NOTHING],
        // table.copy.
        [one(Other), one(Other)],
        // table.grow, table.size, table.fill.
        [one(Other), NOTHING],
        [one(Other), NOTHING],
        [one(Other), NOTHING],
    ]
};

/// Walks one function body (after its size): its local declarations, then its instructions to the
/// `end` that closes the body.
pub fn walk_function(w: &mut impl Walk) -> Result<(), Bad> {
    const OP: usize = Stream::Op as usize;
    const LOCALS: usize = Stream::Locals as usize;
    const BRANCH: usize = Stream::Branch as usize;
    for _ in 0..w.leb(LOCALS)? {
        w.leb(LOCALS)?;
        value_type(w.byte(LOCALS)?)?;
    }
    let mut depth = 0u32;
    loop {
        let op = w.byte(OP)?;
        match OPS[op as usize] {
            NOTHING => {}
            BLOCK => {
                w.leb(OP)?;
                depth += 1;
            }
            END => {
                if depth == 0 {
                    return Ok(());
                }
                depth -= 1;
            }
            BR_TABLE => {
                for _ in 0..=w.leb(BRANCH)? {
                    w.leb(BRANCH)?;
                }
            }
            SELECT_TYPES => {
                for _ in 0..w.leb(OP)? {
                    value_type(w.byte(OP)?)?;
                }
            }
            MEMORY => {
                let align = w.leb(OP)?;
                if align >= 64 {
                    return Err(Bad::Align(align));
                }
                w.leb(Stream::Offset as usize)?;
            }
            I32_CONST => {
                let stream = I32_STREAM[w.op_after_leb() as usize];
                w.leb(stream as usize)?;
            }
            F32 => float(w, 4)?,
            F64 => float(w, 8)?,
            PREFIXED => {
                let sub = w.leb(OP)?;
                let shapes = PREFIXED_OPS.get(sub as usize).ok_or(Bad::Prefixed(sub))?;
                for &shape in shapes {
                    if shape != NOTHING {
                        w.leb(shape as usize)?;
                    }
                }
            }
            UNKNOWN => return Err(Bad::Opcode(op)),
            shape => {
                w.leb((shape & !TWICE) as usize)?;
                if shape & TWICE != 0 {
                    w.leb((shape & !TWICE) as usize)?;
                }
            }
        }
    }
}

/// A float constant's `n` bytes, as they are.
fn float(w: &mut impl Walk, n: usize) -> Result<(), Bad> {
    for _ in 0..n {
        w.byte(Stream::Float as usize)?;
    }
    Ok(())
}

/// `n` as the shortest LEB128, into `out`; returns its length.
fn write_leb(mut n: u32, out: &mut [u8; 5]) -> usize {
    let mut len = 0;
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out[len] = b;
            return len + 1;
        }
        out[len] = b | 0x80;
        len += 1;
    }
}

fn read_u32(src: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([src[at], src[at + 1], src[at + 2], src[at + 3]])
}

/// The walk that writes a body from the streams.
struct FromStreams<'a> {
    src: &'a [u8],
    cursor: &'a mut [usize; STREAMS],
    end: &'a [usize; STREAMS],
    out: &'a mut [u8],
    at: usize,
}

impl Walk for FromStreams<'_> {
    fn op_after_leb(&self) -> u8 {
        // The LEB128 is in a stream of its own: the next opcode is the next of the opcodes. Past
        // their end (a damaged file) any byte will do: the walk stops at the next opcode.
        self.src
            .get(self.cursor[Stream::Op as usize])
            .copied()
            .unwrap_or(0)
    }

    fn byte(&mut self, s: usize) -> Result<u8, Bad> {
        if self.cursor[s] >= self.end[s] {
            return Err(Bad::Short);
        }
        let b = self.src[self.cursor[s]];
        self.cursor[s] += 1;
        *self.out.get_mut(self.at).ok_or(Bad::Short)? = b;
        self.at += 1;
        Ok(b)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Head,
    Code,
    Tail,
    Done,
}

/// Rebuilds the wasm from a split file as the file is unpacked: the head as it comes, the
/// functions once every stream is there, the tail as it comes.
pub struct Joiner {
    size: usize,
    head_end: usize,
    functions: u32,
    cursor: [usize; STREAMS],
    end: [usize; STREAMS],
    tail: usize,
    file_size: usize,
    /// Where the tail starts in the output.
    tail_out: usize,
    out: usize,
    phase: Phase,
}

impl Joiner {
    /// Reads the header (the first [`HEADER`] bytes of `file`) of a split file `file_size` long.
    /// Every length must fit in the file.
    pub fn new(file: &[u8], file_size: usize) -> Result<Joiner, Error> {
        if file.len() < HEADER || file[..4] != MAGIC {
            return Err(Error::Split);
        }
        let field = |i: usize| read_u32(file, 4 + 4 * i) as usize;
        let (size, head_len, functions) = (field(0), field(1), field(2));
        let mut at = HEADER.checked_add(head_len).ok_or(Error::Split)?;
        let head_end = at;
        let mut cursor = [0; STREAMS];
        let mut end = [0; STREAMS];
        for s in 0..STREAMS {
            cursor[s] = at;
            at = at.checked_add(field(3 + s)).ok_or(Error::Split)?;
            end[s] = at;
        }
        // Each function has at least its `end` among the opcodes and rebuilds to at most 5 bytes
        // more than its streams: a header cannot make the output much larger than the file.
        let ops = end[Stream::Op as usize] - cursor[Stream::Op as usize];
        if at > file_size
            || functions > ops
            || size > file_size.saturating_add(SLACK.saturating_mul(functions))
        {
            return Err(Error::Split);
        }
        Ok(Joiner {
            size,
            head_end,
            functions: functions as u32,
            cursor,
            end,
            tail: at,
            file_size,
            tail_out: 0,
            out: 0,
            phase: Phase::Head,
        })
    }

    /// The wasm's size: the output must be this plus [`SLACK`] long.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Rebuilds what the first `ready` bytes of `file` (the whole split file's buffer) allow, the
    /// functions until at least `work` more bytes are written; returns how many bytes of `out` are
    /// the wasm's. Once `ready` is the file's size it goes to the end, which must be the wasm's
    /// size with every stream used up.
    pub fn step(
        &mut self,
        file: &[u8],
        ready: usize,
        out: &mut [u8],
        work: usize,
    ) -> Result<usize, Error> {
        if file.len() != self.file_size || ready > file.len() || out.len() != self.size + SLACK {
            return Err(Error::Split);
        }
        let until = self.out.saturating_add(work);
        if self.phase == Phase::Head {
            let upto = ready.min(self.head_end);
            let from = HEADER + self.out;
            self.copy(&file[from..upto.max(from)], out)?;
            if HEADER + self.out == self.head_end {
                self.phase = Phase::Code;
            }
        }
        if self.phase == Phase::Code && ready >= self.tail {
            while self.functions > 0 && self.out < until {
                self.function(file, out)?;
                self.functions -= 1;
            }
            if self.functions == 0 {
                if self.cursor != self.end {
                    return Err(Error::Split);
                }
                self.tail_out = self.out;
                self.phase = Phase::Tail;
            }
        }
        if self.phase == Phase::Tail {
            let from = self.tail + (self.out - self.tail_out);
            self.copy(&file[from..ready.max(from)], out)?;
            if ready == self.file_size {
                if self.out != self.size {
                    return Err(Error::Split);
                }
                self.phase = Phase::Done;
            }
        }
        Ok(self.out)
    }

    /// Copies `bytes` as they are to the wasm, which must not grow past its size.
    fn copy(&mut self, bytes: &[u8], out: &mut [u8]) -> Result<(), Error> {
        let end = self.out + bytes.len();
        if end > self.size {
            return Err(Error::Split);
        }
        out[self.out..end].copy_from_slice(bytes);
        self.out = end;
        Ok(())
    }

    /// Rebuilds the next function: its body [`SLACK`] bytes on, then its size before it.
    fn function(&mut self, file: &[u8], out: &mut [u8]) -> Result<(), Error> {
        let start = self.out;
        let body = start + SLACK;
        let mut walk = FromStreams {
            src: file,
            cursor: &mut self.cursor,
            end: &self.end,
            out,
            at: body,
        };
        walk_function(&mut walk).map_err(|_| Error::Split)?;
        let len = walk.at - body;
        let mut size = [0u8; 5];
        let n = write_leb(u32::try_from(len).map_err(|_| Error::Split)?, &mut size);
        let end = start + n + len;
        if end > self.size {
            return Err(Error::Split);
        }
        out.copy_within(body..body + len, start + n);
        out[start..start + n].copy_from_slice(&size[..n]);
        self.out = end;
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{join, split, SplitError};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::*;

    /// Why [`split`] refused a module.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum SplitError {
        /// Not a wasm module (version 1), or a section runs past the end.
        NotWasm,
        /// No code section.
        NoCode,
        /// A function's size is not in its shortest LEB128 (the joined file would differ).
        LongSize { function: usize },
        /// A function body this walk does not know, at this byte of the module.
        Body {
            function: usize,
            at: usize,
            bad: Bad,
        },
        /// A function's walk ends before its stated size.
        Size { function: usize },
        /// Larger than the header's numbers can say.
        TooLarge,
    }

    impl std::fmt::Display for SplitError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self {
                SplitError::NotWasm => write!(f, "not a wasm module"),
                SplitError::NoCode => write!(f, "the module has no code section"),
                SplitError::LongSize { function } => {
                    write!(
                        f,
                        "function {function}: its size is not in its shortest LEB128"
                    )
                }
                SplitError::Body { function, at, bad } => {
                    write!(f, "function {function}, byte {at} of the module: {bad:?}")
                }
                SplitError::Size { function } => {
                    write!(
                        f,
                        "function {function}: its last `end` comes before its size"
                    )
                }
                SplitError::TooLarge => write!(f, "over 4 GB"),
            }
        }
    }

    impl std::error::Error for SplitError {}

    /// The walk that reads a body from the wasm and writes the streams.
    struct IntoStreams<'a> {
        src: &'a [u8],
        at: usize,
        end: usize,
        streams: [Vec<u8>; STREAMS],
    }

    impl Walk for IntoStreams<'_> {
        fn op_after_leb(&self) -> u8 {
            let body = &self.src[..self.end];
            let rest = body.get(self.at..).unwrap_or_default();
            match rest.iter().position(|b| b & 0x80 == 0) {
                Some(last) => body.get(self.at + last + 1).copied().unwrap_or(0),
                None => 0,
            }
        }

        fn byte(&mut self, stream: usize) -> Result<u8, Bad> {
            if self.at >= self.end {
                return Err(Bad::Short);
            }
            let b = self.src[self.at];
            self.at += 1;
            self.streams[stream].push(b);
            Ok(b)
        }
    }

    /// The LEB128 at `src[at..]`: its value and where it ends.
    fn leb(src: &[u8], at: usize) -> Result<(u32, usize), SplitError> {
        let mut walk = IntoStreams {
            src,
            at,
            end: src.len(),
            streams: Default::default(),
        };
        let value = walk
            .leb(Stream::Op as usize)
            .map_err(|_| SplitError::NotWasm)?;
        Ok((value, walk.at))
    }

    fn u32_of(n: usize) -> Result<[u8; 4], SplitError> {
        u32::try_from(n)
            .map(u32::to_le_bytes)
            .map_err(|_| SplitError::TooLarge)
    }

    /// The split file of `wasm`, checked: joining it gives `wasm` back, or this is an error.
    pub fn split(wasm: &[u8]) -> Result<Vec<u8>, SplitError> {
        if wasm.len() < 8 || wasm[..8] != *b"\0asm\x01\0\0\0" {
            return Err(SplitError::NotWasm);
        }
        let mut at = 8;
        let (code_start, code_end) = loop {
            let Some(&id) = wasm.get(at) else {
                return Err(SplitError::NoCode);
            };
            let (len, body) = leb(wasm, at + 1)?;
            let end = body.checked_add(len as usize).ok_or(SplitError::NotWasm)?;
            if end > wasm.len() {
                return Err(SplitError::NotWasm);
            }
            if id == 10 {
                break (body, end);
            }
            at = end;
        };
        let (functions, first) = leb(wasm, code_start)?;
        let mut walk = IntoStreams {
            src: wasm,
            at: first,
            end: first,
            streams: Default::default(),
        };
        for function in 0..functions as usize {
            let (len, body) = leb(&wasm[..code_end], walk.at)?;
            let mut shortest = [0u8; 5];
            if write_leb(len, &mut shortest) != body - walk.at {
                return Err(SplitError::LongSize { function });
            }
            walk.at = body;
            walk.end = body.checked_add(len as usize).ok_or(SplitError::NotWasm)?;
            if walk.end > code_end {
                return Err(SplitError::NotWasm);
            }
            if let Err(bad) = walk_function(&mut walk) {
                return Err(SplitError::Body {
                    function,
                    at: walk.at,
                    bad,
                });
            }
            if walk.at != walk.end {
                return Err(SplitError::Size { function });
            }
        }
        if walk.at != code_end {
            return Err(SplitError::NotWasm);
        }
        let head = &wasm[..first];
        let mut file = Vec::with_capacity(wasm.len());
        file.extend_from_slice(&MAGIC);
        file.extend_from_slice(&u32_of(wasm.len())?);
        file.extend_from_slice(&u32_of(head.len())?);
        file.extend_from_slice(&u32_of(functions as usize)?);
        for s in &walk.streams {
            file.extend_from_slice(&u32_of(s.len())?);
        }
        file.extend_from_slice(head);
        for s in &walk.streams {
            file.extend_from_slice(s);
        }
        file.extend_from_slice(&wasm[code_end..]);
        if join(&file).as_deref() != Ok(wasm) {
            // Not reached for a module this walk reads; kept so that a wrong split never ships.
            return Err(SplitError::NotWasm);
        }
        Ok(file)
    }

    /// The wasm of a whole split file.
    pub fn join(file: &[u8]) -> Result<Vec<u8>, Error> {
        let mut joiner = Joiner::new(file, file.len())?;
        let mut out = vec![0; joiner.size() + SLACK];
        // With the whole file there and no limit on the work, one step goes to the end (or fails).
        joiner.step(file, file.len(), &mut out, usize::MAX)?;
        out.truncate(joiner.size());
        Ok(out)
    }
}
