#[tokio::main]
async fn main() {
    let rt = tokio;
}
