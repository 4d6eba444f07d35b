struct Point { x: i32, y: i32 }

#[tokio::main]
async fn main() {
    let p = Point { x: 1 };
}
