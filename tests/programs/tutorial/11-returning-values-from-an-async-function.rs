async fn multiply(x: i32, y: i32) -> i32 {
    x * y
}

#[tokio::main]
async fn main() {
    let result = multiply(4, 6).await;
    println!("Result is: {}", result);
}
