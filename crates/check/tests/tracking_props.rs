//! Property tests: a progress series and a deadline give the documented status
//! (see the rules in `tracking.rs`).

use chrono::NaiveDate;
use proptest::prelude::*;
use theodoi_check::{target_status, task_status};
use theodoi_core::*;

fn goal(cmp: Comparator, value: f64, unit: &str, frequency: Option<Frequency>, deadline: Option<&str>) -> Target {
    Target {
        id: "T1".into(),
        kind: TargetKind::Target,
        name: "Tỷ lệ thu gom chất thải rắn".into(),
        comparator: cmp,
        value: Some(value),
        unit: Some(unit.into()),
        frequency,
        deadline: deadline.map(str::to_string),
        term: Some("2025-2030".into()),
        ..Target::default()
    }
}

fn up(value: Option<f64>, done: bool, date: NaiveDate) -> ProgressUpdate {
    ProgressUpdate {
        item: ItemRef { doc: "d.txt".into(), kind: ItemKind::Target, id: "T1".into() },
        value,
        done,
        date: date.format("%Y-%m-%d").to_string(),
        note: None,
        user: Some("u".into()),
        evidence: None,
    }
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).expect("date") + chrono::Duration::days(offset)
}

/// 2030-12-31 as an offset from 2025-01-01.
const DEADLINE: i64 = 2190;

proptest! {
    #[test]
    fn task_status_follows_done_and_deadline(done_at in proptest::option::of(0i64..3000), today in 0i64..3000, dl in 0i64..3000) {
        let deadline = day(dl).format("%Y-%m-%d").to_string();
        let ups: Vec<ProgressUpdate> = done_at.into_iter().map(|d| up(None, true, day(d))).collect();
        let refs: Vec<&ProgressUpdate> = ups.iter().collect();
        let s = task_status(Some(&deadline), &refs, day(today));
        let expected = if done_at.is_some() { TaskStatus::Done } else if today > dl { TaskStatus::Overdue } else { TaskStatus::Open };
        prop_assert_eq!(s, expected);
    }

    #[test]
    fn level_target_follows_the_linear_trajectory(
        base in 0.0f64..90.0, frac in 0.0f64..1.0, t1 in 1i64..DEADLINE, shift in -30.0f64..30.0, today_after in 0i64..4000,
    ) {
        let g = goal(Comparator::Ge, 100.0, "%", Some(Frequency::ByDeadline), Some("2030"));
        let last = (base + (100.0 - base) * frac + shift).clamp(0.0, 120.0);
        let ups = [up(Some(base), false, day(0)), up(Some(last), false, day(t1))];
        let refs: Vec<&ProgressUpdate> = ups.iter().collect();
        let today = t1 + today_after;
        let s = target_status(&g, &refs, day(today)).status;
        let expected_line = base + (100.0 - base) * t1 as f64 / (DEADLINE as f64);
        let expected = if last >= 100.0 {
            TargetStatus::Achieved
        } else if today > DEADLINE {
            TargetStatus::Overdue
        } else if last >= expected_line - 1e-9 {
            TargetStatus::OnTrack
        } else if expected_line - last <= 0.10 * (100.0 - base) {
            TargetStatus::AtRisk
        } else {
            TargetStatus::OffTrack
        };
        prop_assert_eq!(s, expected, "base {} last {} at day {} (line {})", base, last, t1, expected_line);
    }

    #[test]
    fn a_higher_value_never_worsens_status(base in 0.0f64..90.0, a in 0.0f64..100.0, b in 0.0f64..100.0, t1 in 1i64..DEADLINE) {
        let g = goal(Comparator::Ge, 100.0, "%", Some(Frequency::ByDeadline), Some("2030"));
        let rank = |s: TargetStatus| match s {
            TargetStatus::Achieved => 0, TargetStatus::OnTrack => 1, TargetStatus::AtRisk => 2,
            TargetStatus::OffTrack => 3, TargetStatus::Overdue => 4, TargetStatus::NoData => 5,
        };
        let status = |v: f64| {
            let ups = [up(Some(base), false, day(0)), up(Some(v), false, day(t1))];
            let refs: Vec<&ProgressUpdate> = ups.iter().collect();
            target_status(&g, &refs, day(t1)).status
        };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(rank(status(hi)) <= rank(status(lo)));
    }

    #[test]
    fn lower_is_better_mirrors(base in 10.0f64..100.0, frac in 0.0f64..1.2, t1 in 1i64..DEADLINE) {
        // "không quá g" on v is "ít nhất −g" on −v.
        let last = base - (base - 5.0) * frac;
        let le = goal(Comparator::Le, 5.0, "%", Some(Frequency::ByDeadline), Some("2030"));
        let ge = goal(Comparator::Ge, -5.0, "%", Some(Frequency::ByDeadline), Some("2030"));
        let ups = [up(Some(base), false, day(0)), up(Some(last), false, day(t1))];
        let neg = [up(Some(-base), false, day(0)), up(Some(-last), false, day(t1))];
        let (r1, r2): (Vec<&ProgressUpdate>, Vec<&ProgressUpdate>) = (ups.iter().collect(), neg.iter().collect());
        prop_assert_eq!(target_status(&le, &r1, day(t1)).status, target_status(&ge, &r2, day(t1)).status);
    }

    #[test]
    fn growth_rate_compounds(rates in proptest::collection::vec(0.0f64..20.0, 1..6)) {
        // "tăng bình quân trên 8%/năm": the compounded average of the yearly rates decides.
        let g = goal(Comparator::Gt, 8.0, "%/năm", Some(Frequency::Annual), None);
        let ups: Vec<ProgressUpdate> = rates.iter().enumerate().map(|(i, r)| up(Some(*r), false, day(365 * i as i64 + 364))).collect();
        let refs: Vec<&ProgressUpdate> = ups.iter().collect();
        let avg = (rates.iter().map(|r| 1.0 + r / 100.0).product::<f64>().powf(1.0 / rates.len() as f64) - 1.0) * 100.0;
        let s = target_status(&g, &refs, day(2000)).status;
        let expected = if avg > 8.0 { TargetStatus::OnTrack } else if 8.0 - avg <= 0.8 { TargetStatus::AtRisk } else { TargetStatus::OffTrack };
        prop_assert_eq!(s, expected, "avg {}", avg);
    }
}

#[test]
fn no_progress_is_no_data_until_the_deadline() {
    let g = goal(Comparator::Ge, 100.0, "%", Some(Frequency::ByDeadline), Some("2030"));
    assert_eq!(target_status(&g, &[], day(100)).status, TargetStatus::NoData);
    assert_eq!(target_status(&g, &[], day(DEADLINE + 1)).status, TargetStatus::Overdue);
}

/// A yearly count ("hằng năm kết nạp từ 25 đảng viên") read at mid-year is set against the share
/// of the year gone: 14 by 30 June is on track, 8 is not; a yearly rate is set against its goal.
#[test]
fn a_yearly_count_is_paced_through_its_year() {
    let g = goal(Comparator::Ge, 25.0, "đảng viên", Some(Frequency::Annual), None);
    let june = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let at = |v: f64| {
        let u = [up(Some(v), false, june)];
        let r: Vec<&ProgressUpdate> = u.iter().collect();
        target_status(&g, &r, june).status
    };
    assert_eq!(at(14.0), TargetStatus::OnTrack);
    assert_eq!(at(8.0), TargetStatus::OffTrack);
    let dec = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let u = [up(Some(14.0), false, dec)];
    let r: Vec<&ProgressUpdate> = u.iter().collect();
    assert_eq!(target_status(&g, &r, dec).status, TargetStatus::OffTrack, "the year is over");
    let rate = goal(Comparator::Ge, 90.0, "%", Some(Frequency::Annual), None);
    let u = [up(Some(60.0), false, june)];
    let r: Vec<&ProgressUpdate> = u.iter().collect();
    assert_eq!(target_status(&rate, &r, june).status, TargetStatus::OffTrack, "a rate is not paced");
}
