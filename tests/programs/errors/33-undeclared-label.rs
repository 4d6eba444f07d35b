#[tokio::main]
async fn main() {
    loop {
        break 'outer;
    }
}
