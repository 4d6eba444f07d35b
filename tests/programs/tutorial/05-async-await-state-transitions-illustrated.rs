async fn first() -> i32 {
    10
}

async fn second(x: i32) -> i32 {
    x + 20
}

#[tokio::main]
async fn main() {
    let a = first().await;
    let b = second(a).await;
    println!("Final result: {}", b);
}
