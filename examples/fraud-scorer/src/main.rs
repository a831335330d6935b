//! fraud-scorer: line-delimited JSON over TCP. Each request line is a
//! transaction; each response line is `{"points":..,"decline":..,"reasons":[..]}`.

mod rules;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

use anyhow::{Context, Result};
use serde_json::{json, Value};

fn handle(stream: TcpStream) -> Result<()> {
    let peer = stream.peer_addr()?;
    let mut writer = stream.try_clone()?;
    for line in BufReader::new(stream).lines() {
        let line = line?;
        let reply = match serde_json::from_str::<Value>(&line) {
            Ok(tx) => {
                let s = rules::score(&tx);
                json!({"points": s.points, "decline": s.decline(), "reasons": s.reasons})
            }
            Err(err) => json!({"error": format!("invalid transaction: {err}")}),
        };
        writeln!(writer, "{reply}").with_context(|| format!("writing to {peer}"))?;
    }
    Ok(())
}

fn main() -> Result<()> {
    let addr = std::env::var("FRAUD_SCORER_ADDR").unwrap_or_else(|_| "0.0.0.0:7070".into());
    let listener = TcpListener::bind(&addr).with_context(|| format!("binding {addr}"))?;
    eprintln!("fraud-scorer listening on {addr}");
    for stream in listener.incoming() {
        let stream = stream?;
        thread::spawn(move || {
            if let Err(err) = handle(stream) {
                eprintln!("connection error: {err:#}");
            }
        });
    }
    Ok(())
}
