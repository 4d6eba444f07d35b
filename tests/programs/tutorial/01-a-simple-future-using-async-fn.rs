async fn say_hello() {
    println!("Hello from the future!");
}

#[tokio::main]
async fn main() {
    say_hello().await;
}
