// futures::future::join_all waits for a whole Vec of futures and gives their outputs in order; tokio::try_join!
// stops at the first Err and drops the other futures; futures::join! is join! by another name.
use futures::future::join_all;
use tokio::time::{sleep, Duration};

async fn fetch(id: u64) -> u64 {
    sleep(Duration::from_millis(100 * (4 - id))).await;
    println!("fetched {}", id);
    id * 10
}

async fn step(name: &str, ms: u64, fail: bool) -> Result<String, String> {
    sleep(Duration::from_millis(ms)).await;
    if fail {
        println!("{} failed", name);
        Err(format!("{} broke", name))
    } else {
        println!("{} done", name);
        Ok(name.to_string())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let all = join_all((1..=3).map(fetch)).await;
    println!("join_all: {:?}", all);

    let ok = tokio::try_join!(step("a", 50, false), step("b", 100, false));
    println!("try_join: {:?}", ok);
    let err = tokio::try_join!(step("c", 50, true), step("d", 100, false));
    println!("try_join: {:?}", err);

    let (x, y) = futures::join!(fetch(3), fetch(2));
    println!("futures::join!: {} {}", x, y);
}
