// yield_now puts the task at the back of the queue: two tasks on one worker take turns, line by line.
use tokio::task::yield_now;

async fn count(name: &'static str) {
    for i in 1..=3 {
        println!("{} {}", name, i);
        yield_now().await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let a = tokio::spawn(count("a"));
    let b = tokio::spawn(count("b"));
    a.await.unwrap();
    b.await.unwrap();
    println!("both done");
}
