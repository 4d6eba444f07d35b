// JoinHandle: is_finished before and after, abort() gives a cancelled JoinError, a dropped handle detaches.
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let quick = tokio::spawn(async { 7 });
    let slow = tokio::spawn(async {
        sleep(Duration::from_millis(500)).await;
        println!("slow finished");
    });
    let detached = tokio::spawn(async {
        sleep(Duration::from_millis(100)).await;
        println!("detached still ran");
    });
    drop(detached);
    println!("quick finished yet: {}", quick.is_finished());
    sleep(Duration::from_millis(200)).await;
    println!("quick finished now: {}", quick.is_finished());
    println!("quick gave {}", quick.await.unwrap());
    slow.abort();
    match slow.await {
        Ok(()) => println!("slow completed"),
        Err(e) => println!("slow cancelled: {}", e.is_cancelled()),
    }
}
