use tokio::net::TcpStream;

#[tokio::main]
async fn main() {

}
