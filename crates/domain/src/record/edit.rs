//! Edits of the people rated and of the 互评 raters that reach beyond one record: a new person's
//! place in the list, removing a person with their ratings, a new name carried into the 互评 ratings
//! the person gave, and the department's list of 互评 raters.
//!
//! ## Who gives 互评
//!
//! 互评 is the department's: every rated cadre rates every other, and the department may list more
//! raters who are not rated themselves (staff who take part in the 民主测评). The list lives in
//! [`RatingSettings::peer_raters`], so a rater added today is still there tomorrow before giving a
//! single rating. A rater is known by name only ([`RatingKey`](super::RatingKey)): so are the raters
//! found in ratings but neither a cadre nor listed (a file from an older version, which kept raters
//! only in their ratings; a cadre removed after rating colleagues) — [`peer_raters`] lists them too,
//! so that no rating is ever out of sight.
//!
//! Nothing here draws an id or reads the clock: the caller gives a new person's id, and renamed
//! ratings keep their `updated_at` (the value did not change).

use std::cmp::Ordering;

use super::{check_people, Assessment, FieldError, Person, RaterRole, Rating};
use crate::scoring::RatingSettings;

/// Why an edit of the people or the 互评 raters was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The people list would not pass [`check_people`] (no name, a repeated name …).
    Person(FieldError),
    /// A person may not take the name of someone who already gives 互评 ratings: the two raters'
    /// ratings would become one.
    NameGivesRatings { name: String, given: usize },
    /// A 互评 rater needs a name.
    RaterBlank,
    /// This name is a rated cadre's, who rates every colleague already; a cadre is renamed or
    /// removed as a person.
    RaterIsPerson { name: String },
    /// This name rates already (listed, or giving ratings).
    RaterExists { name: String },
    /// No 互评 rater of this name.
    UnknownRater { name: String },
}

impl EditError {
    /// The form field at fault: `name`/`post`/`level` of a person, or `rater`.
    pub fn field(&self) -> &'static str {
        match self {
            EditError::Person(e) => e.field,
            EditError::NameGivesRatings { .. } => "name",
            _ => "rater",
        }
    }
}

/// What [`Assessment::put_person`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSaved {
    pub id: String,
    /// The person was new to the list.
    pub added: bool,
    /// 互评 ratings the person gave, carried over to their new name.
    pub renamed_ratings: usize,
}

/// Where a 互评 rater comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaterKind {
    /// A rated cadre: rates every colleague.
    Person,
    /// Listed by the department ([`RatingSettings::peer_raters`]).
    Listed,
    /// Neither: known only from the ratings they gave.
    Unlisted,
}

/// One 互评 rater of the department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerRater {
    pub name: String,
    pub kind: RaterKind,
    /// 互评 ratings this rater gave, of anyone.
    pub given: usize,
}

/// People in list order: by [`Person::order`], then id (people from before `order` all have 0).
pub fn sort_people(people: &mut [Person]) {
    crate::order::sort_by(people, list_order);
}

fn list_order(a: &Person, b: &Person) -> Ordering {
    a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id))
}

/// The `order` of a person added now: after everyone listed.
pub fn next_person_order(people: &[Person]) -> u32 {
    people
        .iter()
        .map(|p| p.order.saturating_add(1))
        .max()
        .unwrap_or(0)
}

/// Ratings of the person with this id.
pub fn ratings_of(ratings: &[Rating], person_id: &str) -> usize {
    ratings.iter().filter(|r| r.person_id == person_id).count()
}

fn gives(r: &Rating, rater: &str) -> bool {
    r.role == RaterRole::Peer && r.rater.trim() == rater.trim()
}

/// 互评 ratings given by the rater of this name, of anyone.
pub fn ratings_given(ratings: &[Rating], rater: &str) -> usize {
    ratings.iter().filter(|r| gives(r, rater)).count()
}

/// The department's 互评 raters: the rated cadres in list order, then the listed raters in the
/// order added, then anyone else found giving 互评 ratings, by name. Each name once.
pub fn peer_raters(
    people: &[Person],
    ratings: &[Rating],
    settings: &RatingSettings,
) -> Vec<PeerRater> {
    let mut sorted: Vec<&Person> = people.iter().collect();
    crate::order::sort_by(&mut sorted, |a, b| list_order(a, b));
    let mut out: Vec<PeerRater> = Vec::new();
    let push = |name: &str, kind: RaterKind, out: &mut Vec<PeerRater>| {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|r| r.name == name) {
            out.push(PeerRater {
                name: name.to_string(),
                kind,
                given: ratings_given(ratings, name),
            });
        }
    };
    for p in sorted {
        push(&p.name, RaterKind::Person, &mut out);
    }
    for name in &settings.peer_raters {
        push(name, RaterKind::Listed, &mut out);
    }
    let mut unlisted: Vec<&str> = ratings
        .iter()
        .filter(|r| r.role == RaterRole::Peer)
        .map(|r| r.rater.trim())
        .collect();
    crate::order::sort(&mut unlisted);
    for name in unlisted {
        push(name, RaterKind::Unlisted, &mut out);
    }
    out
}

/// The 互评 raters of one person: everyone in [`peer_raters`] but the person.
pub fn peer_raters_of<'r>(
    raters: &'r [PeerRater],
    person: &Person,
) -> impl Iterator<Item = &'r PeerRater> + 'r {
    let own = person.name.trim().to_string();
    raters.iter().filter(move |r| r.name != own)
}

impl Assessment {
    /// Adds `person` at the end of the list (a new id) or replaces the person with its id, keeping
    /// their place; name and post are trimmed. The list must pass [`check_people`]. When the name
    /// changes, the 互评 ratings the person gave are carried over to the new name; a name that
    /// already gives 互评 ratings is refused. A listed 互评 rater of the same name is now the person
    /// and leaves the list. On an error nothing changes.
    pub fn put_person(&mut self, mut person: Person) -> Result<PersonSaved, EditError> {
        person.name = person.name.trim().to_string();
        person.post = person.post.trim().to_string();
        let index = self.people.iter().position(|p| p.id == person.id);
        let mut people = self.people.clone();
        let old_name = match index {
            Some(i) => {
                person.order = people[i].order;
                let old = people[i].name.trim().to_string();
                people[i] = person.clone();
                Some(old)
            }
            None => {
                person.order = next_person_order(&people);
                people.push(person.clone());
                None
            }
        };
        check_people(&people).map_err(|(_, e)| EditError::Person(e))?;
        let renamed_from = old_name.filter(|old| *old != person.name);
        if renamed_from.is_some() {
            let given = ratings_given(&self.ratings, &person.name);
            if given > 0 {
                return Err(EditError::NameGivesRatings {
                    name: person.name.clone(),
                    given,
                });
            }
        }
        let renamed_ratings = match &renamed_from {
            Some(old) => self.rename_ratings_given(old, &person.name),
            None => 0,
        };
        self.people = people;
        self.rating_settings
            .peer_raters
            .retain(|n| n.trim() != person.name);
        Ok(PersonSaved {
            id: person.id,
            added: index.is_none(),
            renamed_ratings,
        })
    }

    /// Removes the person with this id and every rating of them; returns how many ratings went.
    /// The 互评 ratings they gave colleagues stay (they were given), and the rater with them.
    pub fn remove_person(&mut self, id: &str) -> usize {
        let before = self.ratings.len();
        self.people.retain(|p| p.id != id);
        self.ratings.retain(|r| r.person_id != id);
        before - self.ratings.len()
    }

    /// The department's 互评 raters (see [`peer_raters`]).
    pub fn peer_raters(&self) -> Vec<PeerRater> {
        peer_raters(&self.people, &self.ratings, &self.rating_settings)
    }

    fn is_person(&self, name: &str) -> bool {
        self.people.iter().any(|p| p.name.trim() == name)
    }

    fn is_listed(&self, name: &str) -> bool {
        self.rating_settings
            .peer_raters
            .iter()
            .any(|n| n.trim() == name)
    }

    /// Lists a 互评 rater who is not a rated cadre.
    pub fn add_peer_rater(&mut self, name: &str) -> Result<(), EditError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(EditError::RaterBlank);
        }
        if self.is_person(name) {
            return Err(EditError::RaterIsPerson { name: name.into() });
        }
        if self.is_listed(name) {
            return Err(EditError::RaterExists { name: name.into() });
        }
        self.rating_settings.peer_raters.push(name.to_string());
        Ok(())
    }

    /// Renames a listed or unlisted 互评 rater, in the list and in every rating they gave; returns
    /// how many ratings were renamed.
    pub fn rename_peer_rater(&mut self, old: &str, new: &str) -> Result<usize, EditError> {
        let (old, new) = (old.trim(), new.trim());
        self.check_rater(old)?;
        if new.is_empty() {
            return Err(EditError::RaterBlank);
        }
        if new == old {
            return Ok(0);
        }
        if self.is_person(new) {
            return Err(EditError::RaterIsPerson { name: new.into() });
        }
        if self.is_listed(new) || ratings_given(&self.ratings, new) > 0 {
            return Err(EditError::RaterExists { name: new.into() });
        }
        for n in &mut self.rating_settings.peer_raters {
            if n.trim() == old {
                *n = new.to_string();
            }
        }
        Ok(self.rename_ratings_given(old, new))
    }

    /// Removes a listed or unlisted 互评 rater and every rating they gave; returns how many went.
    pub fn remove_peer_rater(&mut self, name: &str) -> Result<usize, EditError> {
        let name = name.trim();
        self.check_rater(name)?;
        self.rating_settings
            .peer_raters
            .retain(|n| n.trim() != name);
        let before = self.ratings.len();
        self.ratings.retain(|r| !gives(r, name));
        Ok(before - self.ratings.len())
    }

    /// A rater that [`Assessment::rename_peer_rater`] and [`Assessment::remove_peer_rater`] may
    /// touch: listed, or giving ratings, and not a cadre.
    fn check_rater(&self, name: &str) -> Result<(), EditError> {
        if self.is_person(name) {
            return Err(EditError::RaterIsPerson { name: name.into() });
        }
        if !self.is_listed(name) && ratings_given(&self.ratings, name) == 0 {
            return Err(EditError::UnknownRater { name: name.into() });
        }
        Ok(())
    }

    fn rename_ratings_given(&mut self, old: &str, new: &str) -> usize {
        let mut n = 0;
        for r in self.ratings.iter_mut().filter(|r| gives(r, old)) {
            r.rater = new.to_string();
            n += 1;
        }
        n
    }
}
