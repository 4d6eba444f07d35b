// tokio::sync::oneshot: a request carries its own reply channel; an unused sender gives the receiver an error.
use tokio::sync::oneshot;
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, rx) = oneshot::channel::<u32>();
    tokio::spawn(async move {
        sleep(Duration::from_millis(150)).await;
        tx.send(42).unwrap();
    });
    println!("reply: {}", rx.await.unwrap());

    let (tx, rx) = oneshot::channel::<u32>();
    tokio::spawn(async move {
        sleep(Duration::from_millis(50)).await;
        drop(tx);
    });
    match rx.await {
        Ok(v) => println!("got {}", v),
        Err(_) => println!("the sender was dropped"),
    }
}
