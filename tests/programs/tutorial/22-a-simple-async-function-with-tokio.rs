async fn get_message() -> &'static str {
    "Hello from Tokio!"
}

#[tokio::main]
async fn main() {
    let msg = get_message().await;
    println!("{}", msg);
}
