async fn a() {}

fn both() {
    tokio::join!(a(), a());
}

#[tokio::main]
async fn main() {
    both();
}
