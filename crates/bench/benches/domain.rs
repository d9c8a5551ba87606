//! Criterion benchmarks of the pure code the app runs on every edit or file: validating the shipped
//! template, rating a department's 30 cadres, planning a merge and importing a full-year file.
//! Data: one department's year at 1× (see `year.rs`), built in memory. `make bench` summarises the
//! medians into docs/benchmarks.md (scripts/bench/report.cjs reads target/criterion/).

#[path = "../../exchange/examples/bench_data/year.rs"]
#[allow(dead_code)]
mod year;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use zrz_domain::plan::{Template, SHIPPED_TEMPLATE_JSON};
use zrz_domain::scoring::rate_department;
use zrz_exchange::{export_assessment, import, plan_merge, ExportMeta};

fn benches(c: &mut Criterion) {
    let template = Template::shipped();
    let mine = year::department_year(&template, 1, 0);
    let theirs = year::colleague_copy(&mine);
    let file = export_assessment(
        &mine,
        &Default::default(),
        &template,
        &ExportMeta::new(year::now(), "bench"),
    );

    c.bench_function("template_parse", |b| {
        b.iter(|| Template::parse(black_box(SHIPPED_TEMPLATE_JSON)).unwrap())
    });
    c.bench_function("rate_department_30", |b| {
        b.iter(|| rate_department(black_box(&mine), &template))
    });
    c.bench_function("plan_merge_1x", |b| {
        b.iter(|| plan_merge(black_box(&mine), black_box(&theirs), Some((&mine).into())))
    });
    c.bench_function("import_1x", |b| {
        b.iter(|| import(black_box(file.as_bytes()), &template, None).unwrap())
    });
}

criterion_group!(domain, benches);
criterion_main!(domain);
