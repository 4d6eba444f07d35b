use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::future::Future;

const REQUESTS: u64 = 5; // param 1..=1000: how many requests

#[derive(Debug, Clone, PartialEq)]
enum Shape { Circle(f64), Rect { w: f64, h: f64 }, Empty }

struct Counter { n: u32, limit: u32 }
struct Meters(f64);

impl Counter {
    fn new(limit: u32) -> Self { Counter { n: 0, limit } }
    fn bump(&mut self) -> Option<u32> {
        if self.n >= self.limit { return None; }
        self.n += 1;
        Some(self.n)
    }
}

impl Future for Counter {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.bump() {
            Some(n) if n < self.limit => { cx.waker().wake_by_ref(); Poll::Pending }
            Some(n) => Poll::Ready(n),
            None => Poll::Ready(0),
        }
    }
}

fn area(s: &Shape) -> f64 {
    match s {
        Shape::Circle(r) => 3.14 * r * r,
        Shape::Rect { w, h } => w * h,
        Shape::Empty => 0.0,
    }
}

fn parse(x: &str) -> Result<i64, String> {
    let n: i64 = x.parse().map_err(|e| format!("bad: {:?}", e))?;
    Ok(-n * 2 + 1)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let shared = Arc::new(Mutex::new(0));
    let v: Vec<u32> = (1..=10).filter(|x| x % 2 == 0).map(|x| x * x).collect();
    let total: u32 = v.iter().sum();
    let label = if total > 100 { "big" } else { "small" };
    let mut i = 0;
    let found = loop { i += 1; if i * i > 50 { break i; } };
    while let Some(x) = Some(3) { println!("{:>5.2} {}", x as f64, label); break; }
    for (idx, s) in [Shape::Circle(1.0), Shape::Empty].iter().enumerate() {
        println!("{}: {:.1}", idx, area(s));
    }
    match found { 0 => {}, 1..=5 => println!("small"), n @ 6..=9 => println!("{}", n), _ => (), }
    {
        let mut guard = shared.lock().unwrap();
        *guard += 1;
    }
    let h = tokio::spawn(async move { Counter::new(3).await });
    let fut = Box::pin(async { 7 });
    tokio::pin!(fut);
    tokio::select! {
        biased;
        r = h => println!("{:?}", r.unwrap()),
        _ = tokio::time::sleep(std::time::Duration::from_secs(1)), if total > 0 => {}
        else => println!("none"),
    }
    assert!(matches!(parse("4"), Ok(-7) | Ok(7)));
    assert_eq!(v.len(), 5, "five squares");
    let t = (1, (2, 3));
    println!("{}", t.1.0 + vec![1u8; 3].len() as i32);
}
