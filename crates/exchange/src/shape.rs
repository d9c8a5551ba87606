//! What today's types write, without most of the text: the objects, member names and lists of a
//! value exactly as `serde_json::to_value` would build them, with every scalar left out except the
//! members records are identified by ([`ID_KEYS`], kept as the `Value` serde_json writes).
//!
//! The import compares a file's JSON with the same content after a trip through today's types to
//! find the fields this version does not know (`path::unknown_fields`, `Extras::extract`). Those
//! walks look only at which members and list elements the typed side has, and at record ids; a full
//! `Value` of a year's record spends most of its time copying text nobody reads. [`Shape::of`]
//! builds only what the walks read, and [`Typed`] lets them read either.
//!
//! Anything serde_json would write in a way this serialiser does not copy (a map key that is not a
//! string, a variant named like an id member) makes [`Shape::of`] give `None`; callers then
//! serialise to a `Value` as before. So the walks always see what `to_value` would have written.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{self, Impossible, Serialize};
use serde_json::Value;

/// Members whose values identify a record (`path::record_id`, `path::rating_key_of`): kept whole.
pub(crate) const ID_KEYS: [&str; 5] = ["id", "person_id", "dimension", "role", "rater"];

/// A value as serde_json would write it, without its scalars.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    /// `null`, a boolean, a number or a string.
    Scalar,
    /// The value of an [`ID_KEYS`] member, exactly as serde_json writes it.
    Exact(Value),
    Array(Vec<Shape>),
    /// Members sorted by name, each name once (of two, the later, as serde_json's map keeps).
    Object(Vec<(Cow<'static, str>, Shape)>),
}

impl Shape {
    /// The shape of `value`, or `None` where it cannot be sure of serde_json's (see the module).
    pub(crate) fn of<T: Serialize + ?Sized>(value: &T) -> Option<Shape> {
        value.serialize(ShapeSerializer).ok()
    }
}

/// The typed side of a walk: a serialised `Value`, or a [`Shape`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Typed<'a> {
    Value(&'a Value),
    Shape(&'a Shape),
}

impl<'a> Typed<'a> {
    /// An exact part of a shape is read as the `Value` it is.
    fn plain(self) -> Typed<'a> {
        match self {
            Typed::Shape(Shape::Exact(v)) => Typed::Value(v),
            other => other,
        }
    }

    pub(crate) fn is_object(self) -> bool {
        matches!(
            self.plain(),
            Typed::Value(Value::Object(_)) | Typed::Shape(Shape::Object(_))
        )
    }

    /// The member `key` of an object; `None` if this is not an object or has no such member.
    pub(crate) fn get(self, key: &str) -> Option<Typed<'a>> {
        match self.plain() {
            Typed::Value(Value::Object(map)) => map.get(key).map(Typed::Value),
            Typed::Shape(Shape::Object(members)) => members
                .binary_search_by(|(k, _)| k.as_ref().cmp(key))
                .ok()
                .map(|i| Typed::Shape(&members[i].1)),
            _ => None,
        }
    }

    /// For looking up many members of one object, as [`Typed::get`] would, in the order of a file's
    /// object: which is name order, so each is usually the member after the last one found.
    pub(crate) fn members(self) -> Members<'a> {
        match self.plain() {
            Typed::Value(Value::Object(map)) => Members::Value(map),
            Typed::Shape(Shape::Object(members)) => Members::Shape { members, next: 0 },
            _ => Members::None,
        }
    }

    /// The elements of a list; `None` if this is not one.
    pub(crate) fn items(self) -> Option<Items<'a>> {
        match self.plain() {
            Typed::Value(Value::Array(items)) => Some(Items::Value(items.iter())),
            Typed::Shape(Shape::Array(items)) => Some(Items::Shape(items.iter())),
            _ => None,
        }
    }

    /// The value itself, where it is kept whole: always for a `Value`, and for an [`ID_KEYS`]
    /// member of a shape.
    pub(crate) fn exact(self) -> Option<&'a Value> {
        match self.plain() {
            Typed::Value(v) => Some(v),
            Typed::Shape(_) => None,
        }
    }
}

/// [`Typed::members`].
pub(crate) enum Members<'a> {
    Value(&'a serde_json::Map<String, Value>),
    Shape {
        members: &'a [(Cow<'static, str>, Shape)],
        /// Where the search starts: after the last member found.
        next: usize,
    },
    /// Not an object: no members.
    None,
}

impl<'a> Members<'a> {
    /// [`Typed::get`]: the same answer, whatever order the names are asked in.
    pub(crate) fn get(&mut self, key: &str) -> Option<Typed<'a>> {
        match self {
            Members::Value(map) => map.get(key).map(Typed::Value),
            Members::Shape { members, next } => {
                let rest = &members[*next..];
                let found = match rest.first() {
                    Some((k, _)) if k == key => Ok(0),
                    _ => rest.binary_search_by(|(k, _)| k.as_ref().cmp(key)),
                };
                match found {
                    Ok(i) => {
                        *next += i + 1;
                        Some(Typed::Shape(&rest[i].1))
                    }
                    // Not after the last one found; perhaps before it.
                    Err(_) => members[..*next]
                        .binary_search_by(|(k, _)| k.as_ref().cmp(key))
                        .ok()
                        .map(|i| Typed::Shape(&members[i].1)),
                }
            }
            Members::None => None,
        }
    }
}

/// The elements of a [`Typed`] list.
pub(crate) enum Items<'a> {
    Value(std::slice::Iter<'a, Value>),
    Shape(std::slice::Iter<'a, Shape>),
}

impl<'a> Iterator for Items<'a> {
    type Item = Typed<'a>;

    fn next(&mut self) -> Option<Typed<'a>> {
        match self {
            Items::Value(items) => items.next().map(Typed::Value),
            Items::Shape(items) => items.next().map(Typed::Shape),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// The serialiser: serde_json's `value::Serializer`, case by case, keeping only the structure.

/// Something [`Shape::of`] does not copy (or a serialiser's own error): the caller serialises to a
/// `Value` instead.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not written as a shape")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

fn is_id_key(key: &str) -> bool {
    ID_KEYS.contains(&key)
}

/// An object's member: an id member is kept as serde_json writes it.
fn member<T: Serialize + ?Sized>(key: &str, value: &T) -> Result<Shape, Unsupported> {
    if is_id_key(key) {
        serde_json::to_value(value)
            .map(Shape::Exact)
            .map_err(|_| Unsupported)
    } else {
        value.serialize(ShapeSerializer)
    }
}

/// `{variant: inner}`, as serde_json writes a variant with content.
fn variant(name: &'static str, inner: Shape) -> Result<Shape, Unsupported> {
    if is_id_key(name) {
        return Err(Unsupported);
    }
    Ok(Shape::Object(vec![(Cow::Borrowed(name), inner)]))
}

/// Members in name order, each name once: the later of two, as a map insert keeps. (A map's come
/// in order already; a struct's in the order of its fields.)
fn object(mut members: Vec<(Cow<'static, str>, Shape)>) -> Shape {
    if !members.windows(2).all(|w| w[0].0 < w[1].0) {
        // Reversed, a stable sort puts the later of two equal names first, and `dedup` keeps it.
        members.reverse();
        zrz_domain::order::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
        members.dedup_by(|earlier, kept| earlier.0 == kept.0);
    }
    Shape::Object(members)
}

struct ShapeSerializer;

impl ser::Serializer for ShapeSerializer {
    type Ok = Shape;
    type Error = Unsupported;
    type SerializeSeq = SeqShape;
    type SerializeTuple = SeqShape;
    type SerializeTupleStruct = SeqShape;
    type SerializeTupleVariant = VariantShape<SeqShape>;
    type SerializeMap = MapShape;
    type SerializeStruct = MapShape;
    type SerializeStructVariant = VariantShape<MapShape>;

    fn serialize_bool(self, _: bool) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_i8(self, _: i8) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_i16(self, _: i16) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_i32(self, _: i32) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_i64(self, _: i64) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_u8(self, _: u8) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_u16(self, _: u16) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_u32(self, _: u32) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_u64(self, _: u64) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    // serde_json refuses 128-bit integers out of 64-bit range; not guessed at here.
    fn serialize_i128(self, _: i128) -> Result<Shape, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u128(self, _: u128) -> Result<Shape, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_f64(self, _: f64) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_char(self, _: char) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_str(self, _: &str) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    /// A string (a time, say) that serde_json would format: not formatted.
    fn collect_str<T: fmt::Display + ?Sized>(self, _: &T) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    /// serde_json writes bytes as a list of numbers.
    fn serialize_bytes(self, bytes: &[u8]) -> Result<Shape, Unsupported> {
        Ok(Shape::Array(vec![Shape::Scalar; bytes.len()]))
    }
    fn serialize_none(self) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Shape, Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    /// The variant's name, a string.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<Shape, Unsupported> {
        Ok(Shape::Scalar)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Shape, Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        value: &T,
    ) -> Result<Shape, Unsupported> {
        variant(name, value.serialize(ShapeSerializer)?)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqShape, Unsupported> {
        Ok(SeqShape(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqShape, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqShape, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        len: usize,
    ) -> Result<VariantShape<SeqShape>, Unsupported> {
        Ok(VariantShape {
            name,
            inner: SeqShape(Vec::with_capacity(len)),
        })
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapShape, Unsupported> {
        Ok(MapShape {
            members: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
        })
    }
    /// serde_json's own tokens (a number or raw value, with features this crate does not enable)
    /// are structs by name that it writes otherwise.
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<MapShape, Unsupported> {
        if name.starts_with("$serde_json") {
            return Err(Unsupported);
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        name: &'static str,
        len: usize,
    ) -> Result<VariantShape<MapShape>, Unsupported> {
        Ok(VariantShape {
            name,
            inner: self.serialize_map(Some(len))?,
        })
    }
}

struct SeqShape(Vec<Shape>);

impl SeqShape {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.0.push(value.serialize(ShapeSerializer)?);
        Ok(())
    }
}

impl ser::SerializeSeq for SeqShape {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Shape, Unsupported> {
        Ok(Shape::Array(self.0))
    }
}

impl ser::SerializeTuple for SeqShape {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Shape, Unsupported> {
        Ok(Shape::Array(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqShape {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.push(value)
    }
    fn end(self) -> Result<Shape, Unsupported> {
        Ok(Shape::Array(self.0))
    }
}

struct MapShape {
    members: Vec<(Cow<'static, str>, Shape)>,
    /// A key given by `serialize_key`, waiting for its value.
    key: Option<String>,
}

impl MapShape {
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        let shape = member(key, value)?;
        self.members.push((Cow::Borrowed(key), shape));
        Ok(())
    }
}

impl ser::SerializeMap for MapShape {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.key = Some(key.serialize(KeySerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        let key = self.key.take().ok_or(Unsupported)?;
        let shape = member(&key, value)?;
        self.members.push((Cow::Owned(key), shape));
        Ok(())
    }
    fn end(self) -> Result<Shape, Unsupported> {
        Ok(object(self.members))
    }
}

impl ser::SerializeStruct for MapShape {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.field(key, value)
    }
    fn end(self) -> Result<Shape, Unsupported> {
        Ok(object(self.members))
    }
}

/// A tuple or struct variant: `{name: [...]}` or `{name: {...}}`.
struct VariantShape<S> {
    name: &'static str,
    inner: S,
}

impl ser::SerializeTupleVariant for VariantShape<SeqShape> {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.inner.push(value)
    }
    fn end(self) -> Result<Shape, Unsupported> {
        variant(self.name, Shape::Array(self.inner.0))
    }
}

impl ser::SerializeStructVariant for VariantShape<MapShape> {
    type Ok = Shape;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.inner.field(key, value)
    }
    fn end(self) -> Result<Shape, Unsupported> {
        variant(self.name, object(self.inner.members))
    }
}

/// Map keys: only strings (and what serialises as one). serde_json also turns numbers, booleans and
/// unit variants into keys; those are left to it.
struct KeySerializer;

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = Unsupported;
    type SerializeSeq = Impossible<String, Unsupported>;
    type SerializeTuple = Impossible<String, Unsupported>;
    type SerializeTupleStruct = Impossible<String, Unsupported>;
    type SerializeTupleVariant = Impossible<String, Unsupported>;
    type SerializeMap = Impossible<String, Unsupported>;
    type SerializeStruct = Impossible<String, Unsupported>;
    type SerializeStructVariant = Impossible<String, Unsupported>;

    fn serialize_str(self, s: &str) -> Result<String, Unsupported> {
        Ok(s.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Unsupported> {
        value.serialize(self)
    }

    fn serialize_bool(self, _: bool) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i8(self, _: i8) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i16(self, _: i16) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i32(self, _: i32) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_i64(self, _: i64) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u8(self, _: u8) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u16(self, _: u16) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u32(self, _: u32) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_u64(self, _: u64) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_char(self, _: char) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit(self) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
#[path = "shape_tests.rs"]
mod tests;
