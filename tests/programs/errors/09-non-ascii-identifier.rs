#[tokio::main]
async fn main() {
    let naïve = 1;
}
