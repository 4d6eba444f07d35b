async fn async_double(n: i32) -> i32 {
    n * 2
}

#[tokio::main]
async fn main() {
    let nums = vec![1, 2, 3, 4];
    let mut results = vec![];

    for num in nums {
        let doubled = async_double(num).await;
        results.push(doubled);
    }

    println!("Doubled values: {:?}", results);
}
