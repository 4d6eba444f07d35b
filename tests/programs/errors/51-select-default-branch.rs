use futures::{select, FutureExt};

#[tokio::main]
async fn main() {
    let a = async { 1 }.fuse();
    futures::pin_mut!(a);
    select! {
        x = a => println!("{}", x),
        default => println!("nothing ready"),
    }
}
