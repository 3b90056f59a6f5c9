//! Status of targets and tasks from their progress (theo dõi tiến độ).
//!
//! Rules (documented, and pinned by property tests):
//! - **Task**: done once any update says done; otherwise overdue after its deadline; otherwise open.
//! - **Qualitative target**: achieved once done; overdue after the deadline; otherwise no data / on track.
//! - **Rate target** ("tăng bình quân x%/năm", unit `…/năm`): each update is that year's rate; the
//!   compounded average `(∏(1+gᵢ/100))^(1/n) − 1` is compared with the target rate: meets → on track,
//!   within 10 % of it → at risk, else off track.
//! - **Other annual target**: the latest value is compared with the target the same way.
//! - **Level target with a deadline**: achieved when the latest value meets the target. Before the
//!   deadline, the expected value at the latest update's date lies on the straight line from the first
//!   update (the baseline) to the target at the deadline; at or ahead → on track; behind by at most
//!   10 % of the change still required from the baseline → at risk; further behind → off track. With a
//!   single update there is no baseline: not yet met → at risk. After the deadline, not met → overdue.
//! Lower-is-better targets ("dưới", "giảm", poverty) are mirrored.

use chrono::NaiveDate;
use theodoi_core::{Comparator, Frequency, ProgressUpdate, Target, TargetStatus, TaskStatus};

use crate::verdicts::lower_is_better;

/// Slack between "at risk" and "off track": 10 %.
const RISK: f64 = 0.10;

/// The last day a deadline allows: "2030" → 2030-12-31, "2025-12" → 2025-12-31, "2025-12-15" as is.
pub fn deadline_date(deadline: &str) -> Option<NaiveDate> {
    let d = deadline.trim();
    if let Ok(x) = NaiveDate::parse_from_str(d, "%Y-%m-%d") {
        return Some(x);
    }
    let mut it = d.splitn(2, '-');
    let y: i32 = it.next()?.parse().ok()?;
    match it.next() {
        None => NaiveDate::from_ymd_opt(y, 12, 31),
        Some(m) => {
            let m: u32 = m.parse().ok()?;
            let first_next =
                if m == 12 { NaiveDate::from_ymd_opt(y + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(y, m + 1, 1)? };
            first_next.pred_opt()
        }
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A target's computed status with the figures behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetTrack {
    /// Status.
    pub status: TargetStatus,
    /// The latest value, if any.
    pub last: Option<f64>,
    /// The value the trajectory expected at the latest update's date, when computed.
    pub expected: Option<f64>,
}

fn meets(t: &Target, v: f64) -> bool {
    let Some(goal) = t.value else { return false };
    match t.comparator {
        Comparator::Gt => v > goal,
        Comparator::Ge | Comparator::Eq => {
            if lower_is_better(t) {
                v <= goal
            } else {
                v >= goal
            }
        }
        Comparator::Lt => v < goal,
        Comparator::Le => v <= goal,
        Comparator::Range => v >= goal && t.value_max.is_none_or(|m| v <= m),
        Comparator::Qualitative => false,
    }
}

/// How far `v` is short of `goal`, as a share of `scale` (0 when not short), mirrored for lower-is-better.
fn shortfall(t: &Target, v: f64, goal: f64, scale: f64) -> f64 {
    let short = if lower_is_better(t) { v - goal } else { goal - v };
    if short <= 0.0 {
        0.0
    } else {
        short / scale.abs().max(1e-9)
    }
}

/// Behind by `short` (a share of the change required): at risk within [`RISK`], else off track.
fn behind(short: f64) -> TargetStatus {
    if short <= RISK {
        TargetStatus::AtRisk
    } else {
        TargetStatus::OffTrack
    }
}

/// Status of `target` given its progress `updates` (any order) on `today`.
pub fn target_status(target: &Target, updates: &[&ProgressUpdate], today: NaiveDate) -> TargetTrack {
    let mut ups: Vec<(&ProgressUpdate, NaiveDate)> =
        updates.iter().filter_map(|u| date(&u.date).map(|d| (*u, d))).collect();
    ups.sort_by_key(|(_, d)| *d);
    let deadline = target.deadline.as_deref().and_then(deadline_date);
    let past = deadline.is_some_and(|d| today > d);
    let track = |status, last, expected| TargetTrack { status, last, expected };

    if target.comparator == Comparator::Qualitative || target.value.is_none() {
        let done = ups.iter().any(|(u, _)| u.done);
        return match (done, past, ups.is_empty()) {
            (true, _, _) => track(TargetStatus::Achieved, None, None),
            (false, true, _) => track(TargetStatus::Overdue, None, None),
            (false, false, true) => track(TargetStatus::NoData, None, None),
            (false, false, false) => track(TargetStatus::OnTrack, None, None),
        };
    }
    let values: Vec<(f64, NaiveDate)> = ups.iter().filter_map(|(u, d)| u.value.map(|v| (v, *d))).collect();
    let Some(&(last, last_date)) = values.last() else {
        return track(if past { TargetStatus::Overdue } else { TargetStatus::NoData }, None, None);
    };
    let goal = target.value.unwrap_or(0.0);
    let is_rate = target.unit.as_deref().is_some_and(|u| u.replace(' ', "").ends_with("/năm"));
    if is_rate || target.frequency == Some(Frequency::Annual) {
        let observed = if is_rate {
            let n = values.len() as f64;
            let prod: f64 = values.iter().map(|(g, _)| 1.0 + g / 100.0).product();
            if prod <= 0.0 {
                -100.0
            } else {
                (prod.powf(1.0 / n) - 1.0) * 100.0
            }
        } else {
            last
        };
        // a yearly count ("hằng năm kết nạp từ 25 đảng viên") builds up through the year: a
        // figure of part of it (14 by 30 June) is set against the share of the year gone
        let counted = !is_rate && !target.unit.as_deref().is_some_and(|u| u.contains('%')) && !lower_is_better(target);
        let expected = if counted { goal * year_share(last_date) } else { goal };
        let status = if meets(target, observed) || counted && observed >= expected - 1e-9 {
            TargetStatus::OnTrack
        } else {
            behind(shortfall(target, observed, expected, goal))
        };
        return track(status, Some(observed), Some(expected));
    }
    if meets(target, last) {
        return track(TargetStatus::Achieved, Some(last), None);
    }
    if past {
        return track(TargetStatus::Overdue, Some(last), None);
    }
    // Without a deadline or a baseline there is no trajectory: not yet met is a risk.
    let (Some(deadline), [(base, base_date), _, ..]) = (deadline, values.as_slice()) else {
        return track(TargetStatus::AtRisk, Some(last), None);
    };
    let total = (deadline - *base_date).num_days().max(1) as f64;
    let elapsed = (last_date - *base_date).num_days().clamp(0, total as i64) as f64;
    let expected = base + (goal - base) * elapsed / total;
    let status = if meets_line(target, last, expected) {
        TargetStatus::OnTrack
    } else {
        behind(shortfall(target, last, expected, goal - base))
    };
    track(status, Some(last), Some(expected))
}

/// The share of its year gone by the end of day `d` (31 December: 1).
fn year_share(d: NaiveDate) -> f64 {
    use chrono::Datelike;
    let days =
        if NaiveDate::from_ymd_opt(d.year(), 12, 31).is_some_and(|e| e.ordinal() == 366) { 366.0 } else { 365.0 };
    f64::from(d.ordinal()) / days
}

fn meets_line(t: &Target, v: f64, expected: f64) -> bool {
    if lower_is_better(t) {
        v <= expected + 1e-9
    } else {
        v >= expected - 1e-9
    }
}

/// Status of a task given its progress updates on `today`.
pub fn task_status(deadline: Option<&str>, updates: &[&ProgressUpdate], today: NaiveDate) -> TaskStatus {
    if updates.iter().any(|u| u.done) {
        return TaskStatus::Done;
    }
    match deadline.and_then(deadline_date) {
        Some(d) if today > d => TaskStatus::Overdue,
        _ => TaskStatus::Open,
    }
}
