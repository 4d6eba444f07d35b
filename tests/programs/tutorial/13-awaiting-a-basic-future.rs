async fn get_value() -> i32 {
    100
}

#[tokio::main]
async fn main() {
    let val = get_value().await;
    println!("Value: {}", val);
}
