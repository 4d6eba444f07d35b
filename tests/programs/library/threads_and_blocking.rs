// std::thread::spawn and join() for values, spawn_blocking for a result, and thread::sleep on a thread of its own.
use std::thread;
use std::time::Duration;

fn square_slowly(n: u64) -> u64 {
    thread::sleep(Duration::from_millis(50 * n));
    n * n
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let threads: Vec<_> = (1..=3).map(|n| thread::spawn(move || square_slowly(n))).collect();
    let blocking = tokio::task::spawn_blocking(|| square_slowly(4));
    println!("blocking gave {}", blocking.await.unwrap());
    for t in threads {
        println!("thread gave {}", t.join().unwrap());
    }
}
