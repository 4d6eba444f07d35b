struct Logger;

impl Logger {
    async fn log<'a>(&self, msg: &'a str) -> &'a str {
        println!("LOG: {}", msg);
        msg
    }
}

#[tokio::main]
async fn main() {
    let logger = Logger;
    let message = "System initialized.";
    let returned = logger.log(message).await;
    println!("Returned message: {}", returned);
}
