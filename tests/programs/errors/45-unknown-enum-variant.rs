enum Light { Red, Green }

#[tokio::main]
async fn main() {
    let l = Light::Blue;
}
