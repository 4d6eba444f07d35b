use tokio::sync::broadcast;
use tokio::task;
use tokio::time::{sleep, Duration};

#[tokio::main]
async fn main() {
    let (tx, _) = broadcast::channel::<&str>(10);

    for i in 1..=3 {
        let mut rx = tx.subscribe();
        task::spawn(async move {
            while let Ok(msg) = rx.recv().await {
                println!("Listener {} got: {}", i, msg);
            }
        });
    }

    tx.send("New message!").unwrap();
    tx.send("Another event!").unwrap();

    // Give the listeners time to receive messages
    sleep(Duration::from_millis(100)).await;
}
