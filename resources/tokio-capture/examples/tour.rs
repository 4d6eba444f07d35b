// A real tokio program, recorded for Wakeline: a join of sleeps, a spawn_blocking job, a producer and a consumer over an mpsc channel, a
// select with a timeout, and tasks sharing a semaphore, on 2 workers (or on a current_thread runtime when the
// second argument is --current-thread). The test suite builds and runs it with
//   RUSTFLAGS="--cfg tokio_unstable" cargo run --example tour -- run.jsonl
// then imports run.jsonl (tests/unit/tst_tokio_import.cpp).
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, Semaphore};
use tokio::time::{sleep, timeout};

async fn join_of_sleeps() {
    let a = async {
        sleep(Duration::from_millis(30)).await;
        "a"
    };
    let b = async {
        sleep(Duration::from_millis(20)).await;
        "b"
    };
    let (x, y) = tokio::join!(a, b);
    println!("joined {} and {}", x, y);
}

async fn producer_and_consumer() {
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let producer = tokio::spawn(async move {
        // The first three fill the channel (capacity 2): the producer waits for the consumer to make room.
        // After a pause the consumer is the one waiting, and each send wakes it.
        for i in 0..6 {
            if i == 3 {
                sleep(Duration::from_millis(20)).await;
            }
            tx.send(i).await.unwrap();
        }
    });
    let consumer = tokio::spawn(async move {
        let mut sum = 0;
        while let Some(v) = rx.recv().await {
            sleep(Duration::from_millis(2)).await;
            sum += v;
        }
        println!("consumed, sum {}", sum);
    });
    producer.await.unwrap();
    consumer.await.unwrap();
}

async fn select_with_timeout() {
    let slow = sleep(Duration::from_millis(200));
    tokio::select! {
        _ = slow => println!("slow finished first"),
        _ = sleep(Duration::from_millis(10)) => println!("timer won the select"),
    }
    match timeout(Duration::from_millis(15), sleep(Duration::from_millis(100))).await {
        Ok(()) => println!("no timeout"),
        Err(_) => println!("timed out after 15 ms"),
    }
}

async fn shared_semaphore() {
    let permits = Arc::new(Semaphore::new(2));
    let mut handles = Vec::new();
    for i in 0..4 {
        let permits = permits.clone();
        handles.push(tokio::spawn(async move {
            let _permit = permits.acquire().await.unwrap();
            sleep(Duration::from_millis(10)).await;
            println!("worker {} done", i);
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
}

async fn blocking_work() {
    let n = tokio::task::spawn_blocking(|| {
        std::thread::sleep(Duration::from_millis(5));
        42
    })
    .await
    .unwrap();
    println!("blocking work gave {}", n);
}

async fn program() {
    join_of_sleeps().await;
    blocking_work().await;
    producer_and_consumer().await;
    select_with_timeout().await;
    shared_semaphore().await;
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "run.jsonl".to_string());
    let current_thread = std::env::args().nth(2).as_deref() == Some("--current-thread");
    // Before the runtime is built, so that its worker threads are recorded from their start.
    let _capture = wakeline_capture::init(&path);
    let mut builder = if current_thread {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut b = tokio::runtime::Builder::new_multi_thread();
        b.worker_threads(2);
        b
    };
    builder.enable_all().build().unwrap().block_on(program());
}
