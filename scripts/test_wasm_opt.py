"""Tests of wasm_opt.names_without_hashes (run by `make test-native`)."""
import unittest

from wasm_opt import _leb, _uleb, names_without_hashes

HEADER = b"\0asm\x01\0\0\0"


def section(section_id, body):
    return bytes([section_id]) + _uleb(len(body)) + body


def name_vec(entries):
    out = _uleb(len(entries))
    for index, name in entries:
        out += _uleb(index) + _uleb(len(name)) + name
    return out


def name_section(functions, extra=b""):
    module_name = bytes([0]) + _uleb(4) + _uleb(3) + b"zrz"
    function_names = name_vec(functions)
    body = _uleb(4) + b"name" + module_name + bytes([1]) + _uleb(len(function_names)) + function_names + extra
    return section(0, body)


def function_names(wasm):
    """Subsection 1 of the name section, as (index, name) pairs."""
    i = 8
    while i < len(wasm):
        size, start = _leb(wasm, i + 1)
        body = wasm[start:start + size]
        if wasm[i] == 0 and body[1:5] == b"name":
            k = 5
            while k < len(body):
                sub_size, p = _leb(body, k + 1)
                if body[k] == 1:
                    count, p = _leb(body, p)
                    names = []
                    for _ in range(count):
                        index, p = _leb(body, p)
                        length, p = _leb(body, p)
                        names.append((index, body[p:p + length]))
                        p += length
                    return names
                k = p + sub_size
        i = start + size
    return None


TYPES = section(1, b"\x01\x60\x00\x00")  # one type: () -> ()
PRODUCERS = section(0, _uleb(9) + b"producers" + b"\x00")
# Local names (subsection 2): kept byte for byte.
LOCALS = bytes([2]) + _uleb(5) + b"\x01\x00\x01\x00\x00"


class NamesWithoutHashes(unittest.TestCase):
    def test_drops_only_a_trailing_rust_hash(self):
        names = [
            (0, b"zrz::shell::mount::h0123456789abcdef"),
            (1, b"main"),
            (2, b"core::ptr::drop_in_place<x::h0123456789abcdef>::hfedcba9876543210"),
            (3, b"f::h0123"),  # not sixteen digits: not a hash
            (200, b"g::hABCDEF0123456789"),  # capitals: not rustc's form
        ]
        out = names_without_hashes(HEADER + TYPES + name_section(names))
        self.assertEqual(
            function_names(out),
            [
                (0, b"zrz::shell::mount"),
                (1, b"main"),
                (2, b"core::ptr::drop_in_place<x::h0123456789abcdef>"),
                (3, b"f::h0123"),
                (200, b"g::hABCDEF0123456789"),
            ],
        )

    def test_keeps_every_other_section_and_subsection(self):
        names = [(0, b"a::h0123456789abcdef")]
        out = names_without_hashes(HEADER + TYPES + PRODUCERS + name_section(names, LOCALS))
        self.assertEqual(out, HEADER + TYPES + PRODUCERS + name_section([(0, b"a")], LOCALS))

    def test_a_module_without_names_is_unchanged(self):
        wasm = HEADER + TYPES + PRODUCERS
        self.assertEqual(names_without_hashes(wasm), wasm)

    def test_long_sections_keep_correct_sizes(self):
        # Over 127 names and bytes: the sizes take more than one LEB128 byte, before and after.
        names = [(i, b"m::f%d::h%016x" % (i, i)) for i in range(300)]
        out = names_without_hashes(HEADER + TYPES + name_section(names))
        self.assertEqual(out, HEADER + TYPES + name_section([(i, b"m::f%d" % i) for i in range(300)]))

    def test_refuses_what_is_not_wasm(self):
        with self.assertRaises(ValueError):
            names_without_hashes(b"PK\x03\x04")


if __name__ == "__main__":
    unittest.main()
