use tokio::task;

async fn risky_task() -> Result<i32, &'static str> {
    Err("Something went wrong")
}

#[tokio::main]
async fn main() {
    let handle = task::spawn(async {
        risky_task().await
    });

    match handle.await {
        Ok(Ok(val)) => println!("Success: {}", val),
        Ok(Err(e)) => eprintln!("Task error: {}", e),
        Err(e) => eprintln!("Join error: {}", e),
    }
}
