// tokio::sync::Notify: notified().await parks until notify_one (the first waiter, or a permit kept for the next
// one when nobody waits) or notify_waiters (everyone waiting now; no permit is kept).
use std::sync::Arc;
use tokio::sync::Notify;
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let notify = Arc::new(Notify::new());
    notify.notify_one(); // nobody waits yet: the permit is kept
    notify.notified().await;
    println!("the kept permit was taken at once");

    let mut handles = Vec::new();
    for id in 1..=3 {
        let notify = notify.clone();
        handles.push(tokio::spawn(async move {
            notify.notified().await;
            println!("waiter {} woke", id);
        }));
    }
    sleep(Duration::from_millis(100)).await; // all three wait now
    notify.notify_one();
    sleep(Duration::from_millis(100)).await;
    notify.notify_waiters();
    for h in handles {
        h.await.unwrap();
    }
    println!("done");
}
