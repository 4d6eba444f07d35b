use std::future::Future;

struct TaskScheduler;

impl TaskScheduler {
    fn schedule(&self, task: &'static str) -> impl Future<Output = ()> {
        async move {
            println!("Executing task: {}", task);
        }
    }
}

#[tokio::main]
async fn main() {
    let scheduler = TaskScheduler;
    scheduler.schedule("Backup").await;
}
