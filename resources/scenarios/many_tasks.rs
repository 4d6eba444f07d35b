use tokio::sync::broadcast;

// allocated_bytes(): read from a counting #[global_allocator]; thread_stack_kib(): the
// stack a new thread reserves on this system. Both are left out here.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (go, _) = broadcast::channel::<()>(1);
    let before = allocated_bytes();
    let mut handles = Vec::with_capacity(10_000);
    for _ in 0..10_000 {
        let mut rx = go.subscribe();
        handles.push(tokio::spawn(async move {
            let _ = rx.recv().await;
        }));
    }
    tokio::task::yield_now().await;
    let per_task = (allocated_bytes() - before) / 10_000;
    println!("10000 tasks parked: {} bytes per task", per_task);
    println!("A thread reserves {} KiB of stack", thread_stack_kib());
    go.send(()).unwrap();
    for handle in handles {
        handle.await.unwrap();
    }
    println!("All 10000 tasks finished");
}
