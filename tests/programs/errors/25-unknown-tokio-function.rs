#[tokio::main]
async fn main() {
    tokio::time::pause();
}
