async fn greet() {
    println!("Hello from an async function!");
}

#[tokio::main]
async fn main() {
    greet().await;
}
