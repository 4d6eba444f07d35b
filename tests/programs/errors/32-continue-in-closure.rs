#[tokio::main]
async fn main() {
    for i in 0..3 {
        let f = || continue;
    }
}
