use std::time::Duration;

#[tokio::main]
async fn main() {
    let d = Duration::from_hours(1);
}
