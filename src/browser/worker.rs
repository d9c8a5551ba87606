//! A dedicated worker that answers text with text, off the page's thread: the page's side
//! ([`Worker`]: started on first use, one request at a time per message, answers matched by id) and
//! the worker's ([`serve`], called by the worker binary's `main`).
//!
//! The worker is trunk's `data-type="worker"` binary with a loader shim (`NAME_loader.js`, not
//! hashed: the page names it). It says it is ready with its wire version; a worker that does not
//! start (no worker from `file://`, a file missing on the server), that speaks another wire, or that
//! fails later is *unavailable*, and every caller then does the work in-thread: the worker only
//! makes things faster, never possible.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long a worker may take to load and say it is ready before the page gives up on it.
const READY_WITHIN_MS: i32 = 20_000;

/// How long one answer may take before the worker is taken to be stuck (and the page works
/// in-thread): far beyond what the largest file takes.
const ANSWER_WITHIN_MS: i32 = 120_000;

/// The worker could not answer: do the work in-thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Starting,
    Ready,
    Unavailable,
}

/// A handler the worker object calls (kept alive as long as the worker).
type Handler = Closure<dyn FnMut(JsValue)>;

struct Inner {
    worker: Option<web_sys::Worker>,
    state: Cell<State>,
    /// Resolves with `true` when the worker is ready, `false` when it will not be.
    ready: Promise,
    on_ready: RefCell<Option<Function>>,
    next_id: Cell<u32>,
    /// The resolve functions of the requests not answered yet, by id.
    pending: RefCell<HashMap<u32, Function>>,
    _handlers: RefCell<Vec<Handler>>,
}

impl Inner {
    fn settle_ready(&self, ok: bool) {
        if self.state.get() == State::Starting {
            self.state
                .set(if ok { State::Ready } else { State::Unavailable });
        }
        if let Some(resolve) = self.on_ready.borrow_mut().take() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_bool(ok));
        }
    }

    /// The worker failed: every request still waiting is answered "unavailable".
    fn fail(&self) {
        self.state.set(State::Unavailable);
        self.settle_ready(false);
        for (_, resolve) in self.pending.borrow_mut().drain() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::FALSE);
        }
        if let Some(w) = &self.worker {
            w.terminate();
        }
    }
}

/// The page's handle on one worker. `Clone`: every clone is the same worker.
#[derive(Clone)]
pub struct Worker(Rc<Inner>);

impl Worker {
    /// Starts the worker of `loader` (e.g. `./reader_loader.js`, next to the page), which must say it
    /// is ready with `wire`.
    pub fn start(loader: &str, wire: &'static str) -> Worker {
        let mut resolve_ready = None;
        let ready = Promise::new(&mut |resolve, _| resolve_ready = Some(resolve));
        let worker = web_sys::Worker::new(loader).ok();
        let inner = Rc::new(Inner {
            state: Cell::new(State::Starting),
            worker,
            ready,
            on_ready: RefCell::new(resolve_ready),
            next_id: Cell::new(1),
            pending: RefCell::new(HashMap::new()),
            _handlers: RefCell::new(Vec::new()),
        });
        let Some(w) = inner.worker.clone() else {
            inner.fail();
            return Worker(inner);
        };
        let weak = Rc::downgrade(&inner);
        let on_message = Handler::new(move |event: JsValue| {
            let Some(inner) = weak.upgrade() else { return };
            let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            if let Some(said) = Reflect::get(&data, &"ready".into())
                .ok()
                .and_then(|v| v.as_string())
            {
                if said == wire {
                    inner.settle_ready(true);
                } else {
                    inner.fail();
                }
                return;
            }
            let id = Reflect::get(&data, &"id".into())
                .ok()
                .and_then(|v| v.as_f64())
                .map(|v| v as u32);
            let answer = Reflect::get(&data, &"answer".into()).unwrap_or(JsValue::NULL);
            if let Some(resolve) = id.and_then(|id| inner.pending.borrow_mut().remove(&id)) {
                let _ = resolve.call1(&JsValue::NULL, &answer);
            }
        });
        let weak = Rc::downgrade(&inner);
        let on_error = Handler::new(move |event: JsValue| {
            // A script that does not load, a wasm that traps: no answer will come.
            if let Some(e) = event.dyn_ref::<web_sys::Event>() {
                e.prevent_default();
            }
            if let Some(inner) = weak.upgrade() {
                inner.fail();
            }
        });
        w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        inner._handlers.borrow_mut().extend([on_message, on_error]);
        let weak = Rc::downgrade(&inner);
        super::dom::after(READY_WITHIN_MS, move || {
            if let Some(inner) = weak.upgrade() {
                if inner.state.get() == State::Starting {
                    inner.fail();
                }
            }
        });
        Worker(inner)
    }

    /// Whether the worker can no longer answer (callers work in-thread).
    pub fn is_unavailable(&self) -> bool {
        self.0.state.get() == State::Unavailable
    }

    /// Sends `text` with `request` now (or as soon as the worker is ready) and returns the answer to
    /// come, so that the page can go on while the worker reads.
    pub fn send(&self, request: &str, text: &str) -> Pending {
        match self.0.state.get() {
            State::Unavailable => Pending::Unavailable,
            State::Starting => Pending::Starting {
                worker: self.clone(),
                request: request.to_string(),
                text: text.to_string(),
            },
            State::Ready => self.post(request, text),
        }
    }

    fn post(&self, request: &str, text: &str) -> Pending {
        let inner = &self.0;
        let Some(worker) = inner
            .worker
            .as_ref()
            .filter(|_| inner.state.get() == State::Ready)
        else {
            return Pending::Unavailable;
        };
        let id = inner.next_id.get();
        inner.next_id.set(id.wrapping_add(1));
        let answered = Promise::new(&mut |resolve, _| {
            inner.pending.borrow_mut().insert(id, resolve);
        });
        let message = Object::new();
        let _ = Reflect::set(&message, &"id".into(), &JsValue::from(id));
        let _ = Reflect::set(&message, &"request".into(), &JsValue::from_str(request));
        let _ = Reflect::set(&message, &"text".into(), &JsValue::from_str(text));
        if worker.post_message(&message).is_err() {
            inner.pending.borrow_mut().remove(&id);
            inner.fail();
            return Pending::Unavailable;
        }
        let weak = Rc::downgrade(inner);
        super::dom::after(ANSWER_WITHIN_MS, move || {
            if let Some(inner) = weak.upgrade() {
                if inner.pending.borrow().contains_key(&id) {
                    inner.fail();
                }
            }
        });
        Pending::Posted(JsFuture::from(answered))
    }
}

/// An answer to come from a worker ([`Worker::send`]).
pub enum Pending {
    Posted(JsFuture),
    /// Sent once the worker is ready.
    Starting {
        worker: Worker,
        request: String,
        text: String,
    },
    Unavailable,
}

impl Pending {
    /// The answer: `Ok(Some(text))`, `Ok(None)` (the worker had no answer for this text), or
    /// `Err(Unavailable)`.
    pub async fn answer(self) -> Result<Option<String>, Unavailable> {
        let posted = match self {
            Pending::Unavailable => return Err(Unavailable),
            Pending::Posted(f) => f,
            Pending::Starting {
                worker,
                request,
                text,
            } => {
                let _ = JsFuture::from(worker.0.ready.clone()).await;
                match worker.post(&request, &text) {
                    Pending::Posted(f) => f,
                    _ => return Err(Unavailable),
                }
            }
        };
        match posted.await {
            Ok(v) if v.is_string() => Ok(v.as_string()),
            Ok(v) if v.is_null() => Ok(None),
            _ => Err(Unavailable),
        }
    }
}

/// A few workers of one script, each request to the next in turn: with as many as the machine has
/// cores to spare, files are read side by side.
#[derive(Clone)]
pub struct Pool {
    workers: Vec<Worker>,
    next: Rc<Cell<usize>>,
}

impl Pool {
    /// Starts up to `at_most` workers of `loader` (one per core the page's thread leaves, at least
    /// one); none in the one-file version, which has no worker script beside it.
    pub fn start(loader: &str, wire: &'static str, at_most: usize) -> Pool {
        let cores = leptos::prelude::window().navigator().hardware_concurrency() as usize;
        let n = if super::dom::is_one_file() {
            0
        } else {
            cores.saturating_sub(1).clamp(1, at_most.max(1))
        };
        Pool {
            workers: (0..n).map(|_| Worker::start(loader, wire)).collect(),
            next: Rc::new(Cell::new(0)),
        }
    }

    /// How many requests can be read at once (at least one: without workers, each is answered
    /// "unavailable" at once).
    pub fn width(&self) -> usize {
        self.workers.len().max(1)
    }

    /// [`Worker::send`] to the next worker still available.
    pub fn send(&self, request: &str, text: &str) -> Pending {
        if self.workers.is_empty() {
            return Pending::Unavailable;
        }
        for _ in 0..self.workers.len() {
            let i = self.next.get() % self.workers.len();
            self.next.set(i + 1);
            if !self.workers[i].is_unavailable() {
                return self.workers[i].send(request, text);
            }
        }
        Pending::Unavailable
    }
}

/// The worker's side: answers every `{id, request, text}` message with `{id, answer}` (a string,
/// or `null`), after saying `{ready: wire}`, and counts its answers in the global `zrzAnswered`
/// (what a test or a curious engineer reads to see the worker at work). Called once by the worker
/// binary's `main`.
pub fn serve(wire: &'static str, answer: fn(&str, &str) -> Option<String>) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let field =
                |name: &str| Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
            let id = field("id");
            let request = field("request").as_string().unwrap_or_default();
            let text = field("text").as_string().unwrap_or_default();
            let reply = Object::new();
            let _ = Reflect::set(&reply, &"id".into(), &id);
            let answered = answer(&request, &text).map_or(JsValue::NULL, |a| JsValue::from_str(&a));
            let _ = Reflect::set(&reply, &"answer".into(), &answered);
            let _ = replies.post_message(&reply);
            let count = Reflect::get(&replies, &"zrzAnswered".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            let _ = Reflect::set(&replies, &"zrzAnswered".into(), &JsValue::from(count + 1.0));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its handler.
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::from_str(wire));
    let _ = scope.post_message(&ready);
}
