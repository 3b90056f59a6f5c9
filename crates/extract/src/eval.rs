//! The answer-key form of `../shared/gold/SCHEMA.md`.

use serde_json::{json, Value};
use theodoi_core::{Comparator, DocType, Evidence, Extraction, Frequency, TargetKind, Verdict};

fn enum_str<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn lines(ev: &[Evidence]) -> Vec<u32> {
    let mut v: Vec<u32> = ev.iter().flat_map(|e| e.span.start..=e.span.end).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// The extraction in the schema of the answer keys (`SCHEMA.md`): `lines` lists for
/// targets and tasks, `line` for references, facts and declared counts.
pub fn to_eval(ex: &Extraction) -> Value {
    let dt = |d: DocType| enum_str(&d);
    // a reading has no plan: not a result of the keys
    let targets: Vec<Value> = ex
        .targets
        .iter()
        .filter(|t| t.kind != TargetKind::Reading)
        .map(|t| {
            json!({
                "id": t.id,
                "lines": lines(&t.evidence),
                "section": t.section,
                "kind": enum_str(&t.kind),
                "term": t.term,
                "category": t.category,
                "unit_org": t.unit_org,
                "name": t.name,
                // a result whose plan has no figure ("đạt 101,7% kế hoạch") compares nothing
                "comparator": if t.kind == TargetKind::Result && t.value.is_none() && t.comparator == Comparator::Eq {
                    Value::Null
                } else {
                    enum_str::<Comparator>(&t.comparator)
                },
                "value": t.value.map(num),
                "value_max": t.value_max.map(num),
                "unit": t.unit,
                "frequency": t.frequency.as_ref().map(enum_str::<Frequency>),
                "deadline": t.deadline,
                "target_text": t.target_text,
                "achieved": t.achieved.map(num),
                "achieved_text": t.achieved_text,
                "verdict": t.verdict.as_ref().map(enum_str::<Verdict>),
            })
        })
        .collect();
    let tasks: Vec<Value> = ex
        .tasks
        .iter()
        .map(|k| {
            json!({
                "id": k.id,
                "lines": lines(&k.evidence),
                "section": k.section,
                "task": one_line(&k.what),
                "lead": k.lead,
                "partners": k.partners,
                "deadline": k.deadline,
                "deadline_text": k.deadline_text,
                "product": k.product,
            })
        })
        .collect();
    let references: Vec<Value> = ex
        .citations
        .iter()
        .map(|c| {
            json!({
                "line": c.evidence.first().map(|e| e.span.start),
                "number": c.number,
                "doc_kind": c.kind,
                "date": c.date,
                "issuer": c.issuer,
            })
        })
        .collect();
    let facts: Vec<Value> = ex
        .facts
        .iter()
        .map(|f| {
            json!({
                "line": f.evidence.span.start,
                "fact": f.fact,
                "value": num(f.value),
                "as_of": f.as_of,
                "text": one_line(&f.evidence.text),
            })
        })
        .collect();
    let counts: Vec<Value> = ex
        .declared_counts
        .iter()
        .map(|c| {
            json!({
                "line": c.evidence.span.start,
                "text": one_line(&c.evidence.text),
                "what": c.what,
                "value": num(c.value),
                "of": c.of.map(num),
            })
        })
        .collect();
    json!({
        "doc": ex.doc,
        "doc_type": dt(ex.doc_type),
        "parts": ex.parts.iter().map(|p| json!({
            "title": p.title, "line_start": p.span.start, "line_end": p.span.end, "doc_type": dt(p.doc_type)
        })).collect::<Vec<_>>(),
        "org": {"name": ex.org, "parent": ex.parent_org},
        "org_facts": facts,
        "targets": targets,
        "tasks": tasks,
        "references": references,
        "declared_counts": counts,
    })
}
