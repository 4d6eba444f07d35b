use std::future::Future;
use std::pin::Pin;

trait Fetcher {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = String> + Send>>;
}

struct MyFetcher;

impl Fetcher for MyFetcher {
    fn fetch(&self) -> Pin<Box<dyn Future<Output = String> + Send>> {
        Box::pin(async {
            "Manual boxed future".to_string()
        })
    }
}

#[tokio::main]
async fn main() {
    let f = MyFetcher;
    let result = f.fetch().await;
    println!("Fetched: {}", result);
}
