//! Scoring rules. Each rule adds points; the gateway declines at 70 or more.

use serde_json::Value;

pub const DECLINE_AT: u32 = 70;

/// High-risk countries for card-not-present transactions (ISO 3166 alpha-2).
const HIGH_RISK_COUNTRIES: &[&str] = &["XK", "NG", "VE"];

#[derive(Debug, PartialEq, Eq)]
pub struct Score {
    pub points: u32,
    pub reasons: Vec<&'static str>,
}

impl Score {
    pub fn decline(&self) -> bool {
        self.points >= DECLINE_AT
    }
}

pub fn score(tx: &Value) -> Score {
    let mut points = 0;
    let mut reasons = Vec::new();

    let amount = tx["amount_minor"].as_u64().unwrap_or(0);
    if amount > 250_000 {
        points += 30;
        reasons.push("large_amount");
    }
    if tx["card_country"] != tx["ip_country"] {
        points += 20;
        reasons.push("country_mismatch");
    }
    if let Some(country) = tx["ip_country"].as_str() {
        if HIGH_RISK_COUNTRIES.contains(&country) {
            points += 25;
            reasons.push("high_risk_ip_country");
        }
    }
    if tx["attempts_last_hour"].as_u64().unwrap_or(0) >= 5 {
        points += 40;
        reasons.push("velocity");
    }
    Score { points, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn domestic_small_payment_is_clean() {
        let tx = json!({"amount_minor": 1999, "card_country": "SE", "ip_country": "SE"});
        assert_eq!(score(&tx), Score { points: 0, reasons: vec![] });
    }

    #[test]
    fn velocity_and_mismatch_decline() {
        let tx = json!({
            "amount_minor": 5000,
            "card_country": "GB",
            "ip_country": "NG",
            "attempts_last_hour": 7
        });
        let s = score(&tx);
        assert!(s.decline());
        assert_eq!(s.reasons, vec!["country_mismatch", "high_risk_ip_country", "velocity"]);
    }
}
