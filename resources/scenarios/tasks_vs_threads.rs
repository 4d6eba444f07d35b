use std::thread;
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // 5 OS threads: each one is held for its whole sleep.
    let threads: Vec<_> = (1..=5)
        .map(|i| thread::spawn(move || {
            thread::sleep(Duration::from_millis(200));
            println!("Hello from thread {}", i);
        }))
        .collect();

    // 5 tasks on 2 workers: a sleeping task holds no worker.
    let tasks: Vec<_> = (1..=5)
        .map(|i| tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(200)).await;
            println!("Hello from task {}", i);
        }))
        .collect();

    for task in tasks {
        task.await.unwrap();
    }
    for t in threads {
        t.join().unwrap();
    }
}
