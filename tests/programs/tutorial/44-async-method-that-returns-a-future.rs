struct User {
    name: String,
}

impl User {
    async fn greet(&self) -> String {
        format!("Hello, {}!", self.name)
    }
}

#[tokio::main]
async fn main() {
    let user = User { name: "Alice".into() };
    let msg = user.greet().await;
    println!("{}", msg);
}
