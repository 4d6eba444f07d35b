async fn say_hello() -> &'static str {
    "Hello from the executor!"
}

#[tokio::main]
async fn main() {
    let message = say_hello().await;
    println!("{}", message);
}
