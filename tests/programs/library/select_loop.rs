// select! in a loop: messages from a channel raced against a deadline (sleep_until), `biased;` order.
use tokio::sync::mpsc;
use tokio::time::{sleep, sleep_until, Duration, Instant};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u64>(4);
    tokio::spawn(async move {
        for n in [1, 2, 3] {
            sleep(Duration::from_millis(100 * n)).await;
            tx.send(n).await.unwrap();
        }
    });
    let deadline = Instant::now() + Duration::from_millis(450);
    loop {
        tokio::select! {
            biased;
            Some(n) = rx.recv() => println!("got {}", n),
            _ = sleep_until(deadline) => {
                println!("deadline");
                break;
            }
        }
    }
}
