#[tokio::main]
async fn main() {
    fetch_data().await;
}
