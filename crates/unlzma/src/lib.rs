//! An LZMA decoder for the `.lzma` files the build writes (`scripts/post_build.py`): the app's wasm
//! travels LZMA-packed, about a fifth smaller than gzip, and no browser unpacks LZMA itself. Built
//! for wasm32 (`wasm` below, no `std`, no allocator) it is a module of a few KB that the pages'
//! loader runs; natively it is tested against liblzma's encoder.
//!
//! It follows the LZMA specification's reference decoder (`LzmaSpec.cpp` in the LZMA SDK): a range
//! decoder over adaptive bit probabilities, literals, matches and the four repeated distances. The
//! output is the whole dictionary, so a distance is checked against what has been written.
//!
//! LZMA has no checksum. The files this decoder takes state their size in the header *and* end
//! with the end marker; the marker must come exactly at that size, with the range coder at rest
//! and at the file's last byte. Anything else is an [`Error`], so that damage is found instead of
//! handed on as a wasm.
//!
//! What the build packs is not the wasm itself but its [`split`] file, the code section in streams
//! (about 9% smaller packed); [`Loader`] unpacks the stream and joins the wasm from it as it comes.
//! A stream that is not a split file is its own output.
#![cfg_attr(target_arch = "wasm32", no_std)]

/// Why a file was not unpacked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Shorter than the header and the range coder's first bytes.
    TooShort = 1,
    /// The properties byte is not lc/lp/pb, or lc + lp is over 4 (liblzma's own limit for LZMA2,
    /// which keeps the literal tables small).
    Properties = 2,
    /// The header does not state the unpacked size (all 0xff), or states more than fits.
    SizeNotStated = 3,
    /// The range coder does not start with a zero byte.
    BadStart = 4,
    /// The stream ends before its end marker.
    Truncated = 5,
    /// A match reaches before the start of the data.
    Distance = 6,
    /// More data than the header states.
    TooLong = 7,
    /// The end marker comes before the stated size.
    TooShortOutput = 8,
    /// The range coder is not at rest after the end marker.
    NotAtRest = 9,
    /// Bytes follow the end of the stream.
    TrailingData = 10,
    /// The unpacked bytes are a split file ([`split::MAGIC`]) that does not join to a wasm.
    Split = 11,
}

pub mod split;

const HEADER: usize = 13;
const PROB_INIT: u16 = 1024;
const TOP: u32 = 1 << 24;
const LITERAL_MAX: usize = 0x300 << 4;

/// The unpacked size the header of `src` states.
pub fn unpacked_size(src: &[u8]) -> Result<usize, Error> {
    if src.len() < HEADER + 5 {
        return Err(Error::TooShort);
    }
    let mut size = [0u8; 8];
    size.copy_from_slice(&src[5..HEADER]);
    let size = u64::from_le_bytes(size);
    if size == u64::MAX || size > u32::MAX as u64 {
        return Err(Error::SizeNotStated);
    }
    Ok(size as usize)
}

struct RangeDecoder<'a> {
    src: &'a [u8],
    pos: usize,
    range: u32,
    code: u32,
}

impl RangeDecoder<'_> {
    #[inline(always)]
    fn normalize(&mut self) -> Result<(), Error> {
        if self.range < TOP {
            let Some(&b) = self.src.get(self.pos) else {
                return Err(Error::Truncated);
            };
            self.pos += 1;
            self.range <<= 8;
            self.code = (self.code << 8) | b as u32;
        }
        Ok(())
    }

    #[inline(always)]
    fn bit(&mut self, prob: &mut u16) -> Result<u32, Error> {
        let bound = (self.range >> 11) * *prob as u32;
        let b = if self.code < bound {
            self.range = bound;
            *prob += (2048 - *prob) >> 5;
            0
        } else {
            self.range -= bound;
            self.code -= bound;
            *prob -= *prob >> 5;
            1
        };
        self.normalize()?;
        Ok(b)
    }

    fn tree(&mut self, probs: &mut [u16], bits: u32) -> Result<u32, Error> {
        let mut m = 1usize;
        for _ in 0..bits {
            m = (m << 1) + self.bit(&mut probs[m])? as usize;
        }
        Ok(m as u32 - (1 << bits))
    }

    fn reverse_tree(&mut self, probs: &mut [u16], bits: u32) -> Result<u32, Error> {
        let mut m = 1usize;
        let mut symbol = 0;
        for i in 0..bits {
            let b = self.bit(&mut probs[m])?;
            m = (m << 1) + b as usize;
            symbol |= b << i;
        }
        Ok(symbol)
    }

    fn direct(&mut self, bits: u32) -> Result<u32, Error> {
        let mut res = 0u32;
        for _ in 0..bits {
            self.range >>= 1;
            let b = if self.code >= self.range {
                self.code -= self.range;
                1
            } else {
                0
            };
            res = (res << 1) | b;
            self.normalize()?;
        }
        Ok(res)
    }
}

/// Choice bits, then 8 low, 8 middle (per position state) or 256 high lengths.
struct LengthDecoder {
    choice: [u16; 2],
    low: [[u16; 8]; 16],
    mid: [[u16; 8]; 16],
    high: [u16; 256],
}

impl LengthDecoder {
    const ZEROED: LengthDecoder = LengthDecoder {
        choice: [0; 2],
        low: [[0; 8]; 16],
        mid: [[0; 8]; 16],
        high: [0; 256],
    };

    fn reset(&mut self) {
        self.choice.fill(PROB_INIT);
        self.low.as_flattened_mut().fill(PROB_INIT);
        self.mid.as_flattened_mut().fill(PROB_INIT);
        self.high.fill(PROB_INIT);
    }

    fn decode(&mut self, rc: &mut RangeDecoder, pos_state: usize) -> Result<u32, Error> {
        if rc.bit(&mut self.choice[0])? == 0 {
            return rc.tree(&mut self.low[pos_state], 3);
        }
        if rc.bit(&mut self.choice[1])? == 0 {
            return Ok(8 + rc.tree(&mut self.mid[pos_state], 3)?);
        }
        Ok(16 + rc.tree(&mut self.high, 8)?)
    }
}

/// Every probability of the model, about 30 KB. Zeroed as a constant (a static of it takes no
/// bytes in the module) and set to its start by [`unpack`].
pub struct Model {
    literal: [u16; LITERAL_MAX],
    is_match: [u16; 12 << 4],
    is_rep: [u16; 12],
    is_rep_g0: [u16; 12],
    is_rep_g1: [u16; 12],
    is_rep_g2: [u16; 12],
    is_rep0_long: [u16; 12 << 4],
    pos_slot: [[u16; 64]; 4],
    pos_special: [u16; 1 + 128 - 14],
    align: [u16; 16],
    len: LengthDecoder,
    rep_len: LengthDecoder,
}

impl Model {
    pub const ZEROED: Model = Model {
        literal: [0; LITERAL_MAX],
        is_match: [0; 12 << 4],
        is_rep: [0; 12],
        is_rep_g0: [0; 12],
        is_rep_g1: [0; 12],
        is_rep_g2: [0; 12],
        is_rep0_long: [0; 12 << 4],
        pos_slot: [[0; 64]; 4],
        pos_special: [0; 1 + 128 - 14],
        align: [0; 16],
        len: LengthDecoder::ZEROED,
        rep_len: LengthDecoder::ZEROED,
    };

    fn reset(&mut self) {
        for probs in [
            &mut self.literal[..],
            &mut self.is_match[..],
            &mut self.is_rep[..],
            &mut self.is_rep_g0[..],
            &mut self.is_rep_g1[..],
            &mut self.is_rep_g2[..],
            &mut self.is_rep0_long[..],
            self.pos_slot.as_flattened_mut(),
            &mut self.pos_special[..],
            &mut self.align[..],
        ] {
            probs.fill(PROB_INIT);
        }
        self.len.reset();
        self.rep_len.reset();
    }
}

/// Unpacks `src` into `out`, which must be exactly [`unpacked_size`] long; `model` is reset first.
pub fn unpack(src: &[u8], out: &mut [u8], model: &mut Model) -> Result<(), Error> {
    let mut unpacker = Unpacker::new(src, out.len(), model)?;
    unpacker.step(src, out, model, out.len()).map(|_| ())
}

/// An unpacking that goes a piece at a time ([`Unpacker::step`]), so that its caller can hand on
/// what is unpacked while the rest is (the pages compile the wasm as it comes), and so that a wasm
/// engine's optimising tier takes over between the pieces.
pub struct Unpacker {
    size: usize,
    lc: u32,
    lp_mask: usize,
    pb_mask: usize,
    pos: usize,
    range: u32,
    code: u32,
    state: usize,
    reps: [usize; 4],
    at: usize,
    done: bool,
    failed: Option<Error>,
}

impl Unpacker {
    /// Reads the header of `src`, which must state `size`, and resets `model`.
    pub fn new(src: &[u8], size: usize, model: &mut Model) -> Result<Unpacker, Error> {
        if unpacked_size(src)? != size {
            return Err(Error::SizeNotStated);
        }
        let props = src[0] as u32;
        if props >= 9 * 5 * 5 {
            return Err(Error::Properties);
        }
        let (lc, lp, pb) = (props % 9, (props / 9) % 5, props / 45);
        if lc + lp > 4 {
            return Err(Error::Properties);
        }
        if src[HEADER] != 0 {
            return Err(Error::BadStart);
        }
        let mut code = [0u8; 4];
        code.copy_from_slice(&src[HEADER + 1..HEADER + 5]);
        let code = u32::from_be_bytes(code);
        if code == u32::MAX {
            return Err(Error::BadStart);
        }
        model.reset();
        Ok(Unpacker {
            size,
            lc,
            lp_mask: (1 << lp) - 1,
            pb_mask: (1 << pb) - 1,
            pos: HEADER + 5,
            range: u32::MAX,
            code,
            state: 0,
            reps: [0; 4],
            at: 0,
            done: false,
            failed: None,
        })
    }

    /// Unpacks on until at least `until` bytes of `out` are written (then returns how many are),
    /// or, with `until` at the size, to the end marker and the checks of the end. `src`, `out` and
    /// `model` must be the same on every call. An error is final: every later call returns it.
    pub fn step(
        &mut self,
        src: &[u8],
        out: &mut [u8],
        m: &mut Model,
        until: usize,
    ) -> Result<usize, Error> {
        final_error(self, |u| &mut u.failed, |u| u.run(src, out, m, until))
    }

    fn run(
        &mut self,
        src: &[u8],
        out: &mut [u8],
        m: &mut Model,
        until: usize,
    ) -> Result<usize, Error> {
        let size = self.size;
        if out.len() != size {
            return Err(Error::SizeNotStated);
        }
        let until = until.min(size);
        if self.done {
            return Ok(self.at);
        }
        let mut rc = RangeDecoder {
            src,
            pos: self.pos,
            range: self.range,
            code: self.code,
        };
        let (lc, lp_mask, pb_mask) = (self.lc, self.lp_mask, self.pb_mask);
        let mut state = self.state;
        let [mut rep0, mut rep1, mut rep2, mut rep3] = self.reps;
        let mut at = self.at;
        loop {
            if at >= until && until < size {
                self.pos = rc.pos;
                self.range = rc.range;
                self.code = rc.code;
                self.state = state;
                self.reps = [rep0, rep1, rep2, rep3];
                self.at = at;
                return Ok(at);
            }
            let pos_state = at & pb_mask;
            if rc.bit(&mut m.is_match[(state << 4) + pos_state])? == 0 {
                if at == size {
                    return Err(Error::TooLong);
                }
                let prev = if at > 0 { out[at - 1] as usize } else { 0 };
                let base = 0x300 * (((at & lp_mask) << lc) + (prev >> (8 - lc)));
                let probs = &mut m.literal[base..base + 0x300];
                let mut symbol = 1usize;
                if state >= 7 {
                    if rep0 >= at {
                        return Err(Error::Distance);
                    }
                    let mut match_byte = out[at - rep0 - 1] as usize;
                    while symbol < 0x100 {
                        let match_bit = (match_byte >> 7) & 1;
                        match_byte <<= 1;
                        let b = rc.bit(&mut probs[((1 + match_bit) << 8) + symbol])? as usize;
                        symbol = (symbol << 1) | b;
                        if match_bit != b {
                            break;
                        }
                    }
                }
                while symbol < 0x100 {
                    symbol = (symbol << 1) | rc.bit(&mut probs[symbol])? as usize;
                }
                out[at] = (symbol - 0x100) as u8;
                at += 1;
                state = if state < 4 {
                    0
                } else if state < 10 {
                    state - 3
                } else {
                    state - 6
                };
                continue;
            }
            let len;
            if rc.bit(&mut m.is_rep[state])? != 0 {
                if at == 0 {
                    return Err(Error::Distance);
                }
                if rc.bit(&mut m.is_rep_g0[state])? == 0 {
                    if rc.bit(&mut m.is_rep0_long[(state << 4) + pos_state])? == 0 {
                        if at == size {
                            return Err(Error::TooLong);
                        }
                        state = if state < 7 { 9 } else { 11 };
                        out[at] = out[at - rep0 - 1];
                        at += 1;
                        continue;
                    }
                } else {
                    let dist;
                    if rc.bit(&mut m.is_rep_g1[state])? == 0 {
                        dist = rep1;
                    } else {
                        if rc.bit(&mut m.is_rep_g2[state])? == 0 {
                            dist = rep2;
                        } else {
                            dist = rep3;
                            rep3 = rep2;
                        }
                        rep2 = rep1;
                    }
                    rep1 = rep0;
                    rep0 = dist;
                }
                len = m.rep_len.decode(&mut rc, pos_state)?;
                state = if state < 7 { 8 } else { 11 };
            } else {
                rep3 = rep2;
                rep2 = rep1;
                rep1 = rep0;
                len = m.len.decode(&mut rc, pos_state)?;
                state = if state < 7 { 7 } else { 10 };
                let slot = rc.tree(&mut m.pos_slot[(len as usize).min(3)], 6)?;
                let dist = if slot < 4 {
                    slot
                } else {
                    let bits = (slot >> 1) - 1;
                    let base = (2 | (slot & 1)) << bits;
                    if slot < 14 {
                        let probs = &mut m.pos_special[(base - slot) as usize..];
                        base + rc.reverse_tree(probs, bits)?
                    } else {
                        // Wraps only for the end marker (0xffff_ffff), which is not a distance.
                        base.wrapping_add(rc.direct(bits - 4)? << 4)
                            .wrapping_add(rc.reverse_tree(&mut m.align, 4)?)
                    }
                };
                if dist == u32::MAX {
                    if rc.code != 0 {
                        return Err(Error::NotAtRest);
                    }
                    if at != size {
                        return Err(Error::TooShortOutput);
                    }
                    if rc.pos != src.len() {
                        return Err(Error::TrailingData);
                    }
                    self.done = true;
                    self.at = at;
                    return Ok(at);
                }
                rep0 = dist as usize;
                if rep0 >= at {
                    return Err(Error::Distance);
                }
            }
            let len = len as usize + 2;
            if size - at < len {
                return Err(Error::TooLong);
            }
            let from = at - rep0 - 1;
            if rep0 + 1 >= len {
                out.copy_within(from..from + len, at);
            } else {
                // Overlapping: each byte is one the copy has just written.
                for i in 0..len {
                    out[at + i] = out[from + i];
                }
            }
            at += len;
        }
    }
}

/// `run` on `state`, unless an earlier call failed: an error is final, so that a decoder that has
/// found damage returns it on every later call instead of going on from where it stopped.
fn final_error<S>(
    state: &mut S,
    failed: fn(&mut S) -> &mut Option<Error>,
    run: impl FnOnce(&mut S) -> Result<usize, Error>,
) -> Result<usize, Error> {
    if let Some(e) = *failed(state) {
        return Err(e);
    }
    let result = run(state);
    if let Err(e) = result {
        *failed(state) = Some(e);
    }
    result
}

/// Unpacks a file the build wrote to the wasm it packs: the LZMA stream a piece at a time and,
/// where it unpacks to a split file ([`split`]), the wasm joined from it as it comes. A plain
/// stream's wasm is what it unpacks to.
pub struct Loader {
    unpacker: Unpacker,
    unpacked: usize,
    joiner: Option<split::Joiner>,
    failed: Option<Error>,
}

impl Loader {
    /// Starts on `src`. `unpacked` receives the stream, and must be [`unpacked_size`] long; the
    /// first bytes are unpacked at once, to see whether it is a split file.
    pub fn new(src: &[u8], unpacked: &mut [u8], model: &mut Model) -> Result<Loader, Error> {
        let mut unpacker = Unpacker::new(src, unpacked.len(), model)?;
        let header = split::HEADER.min(unpacked.len());
        let at = unpacker.step(src, unpacked, model, header)?;
        let joiner = if unpacked.len() >= split::HEADER && unpacked[..4] == split::MAGIC {
            Some(split::Joiner::new(&unpacked[..at], unpacked.len())?)
        } else {
            None
        };
        Ok(Loader {
            unpacker,
            unpacked: at,
            joiner,
            failed: None,
        })
    }

    /// The wasm's size.
    pub fn size(&self) -> usize {
        match &self.joiner {
            Some(joiner) => joiner.size(),
            None => self.unpacker.size,
        }
    }

    /// Whether the wasm is joined into an output of its own (then [`split::SLACK`] longer than
    /// [`Loader::size`]) rather than being the unpacked bytes themselves.
    pub fn is_split(&self) -> bool {
        self.joiner.is_some()
    }

    /// About `work` bytes more: of the stream, then of the wasm joined from it. Returns how many
    /// bytes of the wasm are ready, in `out` for a split file, in `unpacked` otherwise. The
    /// buffers and `model` must be the same on every call; an error is final.
    pub fn step(
        &mut self,
        src: &[u8],
        unpacked: &mut [u8],
        out: &mut [u8],
        model: &mut Model,
        work: usize,
    ) -> Result<usize, Error> {
        final_error(
            self,
            |l| &mut l.failed,
            |l| l.run(src, unpacked, out, model, work),
        )
    }

    fn run(
        &mut self,
        src: &[u8],
        unpacked: &mut [u8],
        out: &mut [u8],
        model: &mut Model,
        work: usize,
    ) -> Result<usize, Error> {
        // Once the stream is at its end, the unpacker only says so again.
        let until = self.unpacked.saturating_add(work).min(unpacked.len());
        self.unpacked = self.unpacker.step(src, unpacked, model, until)?;
        match &mut self.joiner {
            Some(joiner) => joiner.step(unpacked, self.unpacked, out, work),
            None => Ok(self.unpacked),
        }
    }
}

/// The module the pages run (`scripts/unlzma_build.py` embeds it in the loader): no imports, its
/// own memory. The caller asks for room for the packed bytes (`zrz_input`) and writes them there,
/// starts (`zrz_begin`: the wasm's size, or minus an [`Error`]), then steps (`zrz_step(work)`: how
/// many bytes of the wasm are ready, or minus an [`Error`]) until that is the size, reading the
/// wasm at `zrz_output` as it grows.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use core::arch::wasm32::{memory_grow, memory_size};
    use core::ptr::addr_of_mut;

    use super::{split, Error, Loader, Model};

    const PAGE: usize = 65536;
    static mut MODEL: Model = Model::ZEROED;
    static mut LOADER: Option<Loader> = None;
    static mut INPUT: (usize, usize) = (0, 0);
    /// The unpacked stream; for a split file, the wasm is joined into OUTPUT, after it.
    static mut UNPACKED: (usize, usize) = (0, 0);
    static mut OUTPUT: (usize, usize) = (0, 0);

    /// Grows the memory to hold `end` bytes; false when it cannot.
    fn reserve(end: usize) -> bool {
        let have = memory_size(0) * PAGE;
        end <= have || memory_grow(0, (end - have).div_ceil(PAGE)) != usize::MAX
    }

    /// # Safety
    /// The module is single-threaded and these calls do not nest; `at` and `len` are in memory.
    unsafe fn bytes(at: usize, len: usize) -> &'static mut [u8] {
        core::slice::from_raw_parts_mut(at as *mut u8, len)
    }

    /// Room for `len` packed bytes at the end of the memory; returns where (0: no room).
    #[no_mangle]
    pub extern "C" fn zrz_input(len: usize) -> usize {
        let start = memory_size(0) * PAGE;
        if !reserve(start + len) {
            return 0;
        }
        unsafe { INPUT = (start, len) };
        start
    }

    #[no_mangle]
    pub extern "C" fn zrz_begin() -> i32 {
        match begin() {
            Ok(size) => size as i32,
            Err(e) => -(e as i32),
        }
    }

    fn begin() -> Result<usize, Error> {
        let (input, len) = unsafe { INPUT };
        let src = unsafe { bytes(input, len) };
        let unpacked_size = super::unpacked_size(src)?;
        let at = input + len;
        if unpacked_size > i32::MAX as usize || !reserve(at + unpacked_size) {
            return Err(Error::SizeNotStated);
        }
        unsafe { UNPACKED = (at, unpacked_size) };
        let unpacked = unsafe { bytes(at, unpacked_size) };
        let loader = Loader::new(src, unpacked, unsafe { &mut *addr_of_mut!(MODEL) })?;
        let size = loader.size();
        if loader.is_split() {
            let out = at + unpacked_size;
            if size > i32::MAX as usize || !reserve(out + size + split::SLACK) {
                return Err(Error::Split);
            }
            unsafe { OUTPUT = (out, size + split::SLACK) };
        } else {
            unsafe { OUTPUT = (at, 0) };
        }
        unsafe { LOADER = Some(loader) };
        Ok(size)
    }

    #[no_mangle]
    pub extern "C" fn zrz_step(work: usize) -> i32 {
        let Some(loader) = (unsafe { &mut *addr_of_mut!(LOADER) }) else {
            return -(Error::BadStart as i32);
        };
        let (src, unpacked, out) = unsafe {
            (
                bytes(INPUT.0, INPUT.1),
                bytes(UNPACKED.0, UNPACKED.1),
                bytes(OUTPUT.0, OUTPUT.1),
            )
        };
        match loader.step(
            src,
            unpacked,
            out,
            unsafe { &mut *addr_of_mut!(MODEL) },
            work,
        ) {
            Ok(ready) => ready as i32,
            Err(e) => -(e as i32),
        }
    }

    #[no_mangle]
    pub extern "C" fn zrz_output() -> usize {
        unsafe { OUTPUT.0 }
    }

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }
}
