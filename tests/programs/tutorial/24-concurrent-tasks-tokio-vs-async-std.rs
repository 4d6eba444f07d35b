use tokio::task;

#[tokio::main]
async fn main() {
    let handle = task::spawn(async {
        "Running in a Tokio task"
    });

    let result = handle.await.unwrap();
    println!("{}", result);
}
