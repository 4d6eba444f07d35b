async fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[tokio::main]
async fn main() {
    let sum = add(5, 7).await;
    println!("The sum is: {}", sum);
}
